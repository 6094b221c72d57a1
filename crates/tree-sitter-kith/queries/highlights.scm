; Syntax highlighting for kith files.
;
; Every node is captured by at most one pattern, so the result is the same whether an
; editor lets the first matching pattern win (tree-sitter CLI, Helix) or the last one
; (Neovim). Only capture names and predicates that all three understand are used.

; Directive keywords: `person`, `role`, `pillar`, `set`, `include`.
[
  "person"
  "role"
  "pillar"
  "set"
  "include"
] @keyword

; The id a directive declares: `person ada`, `role elder`, `pillar wellbeing`.
(person
  (identifier) @constant)

(role
  (identifier) @constant)

(pillar
  (identifier) @constant)

; `set KEY VALUE`: the key is a property, later identifiers (`on`, rule names) are ids.
(setting
  .
  (identifier) @property)

(setting
  (_)
  (identifier) @constant)

; Body lines: the field name, then its values.
(field
  name: (identifier) @property)

(field
  name: (identifier)
  (identifier) @constant)

; Interactions: `2026-03-14 coffee! "note"`.
(kind
  (identifier) @function)

(meaningful_mark) @operator

(interaction
  (identifier) @constant)

; Typed values, wherever they appear.
(string) @string

[
  (date)
  (month_day)
] @string.special

[
  (duration)
  (integer)
] @number

(reference) @label

[
  (email)
  (url)
] @string.special.url

"," @punctuation.delimiter

(comment) @comment
