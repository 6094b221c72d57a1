; Indentation: a line inside a directive block is indented one level under its header.
; `@indent.begin` is Neovim's name for this and `@indent` is Helix's; each editor ignores
; the other's capture.
[
  (person)
  (role)
  (pillar)
  (setting)
] @indent.begin @indent
