" kith: indentation without tree-sitter. A line after a `person`, `role` or `pillar`
" header is indented one level; a line after a body line keeps its indentation; a line
" after a `set` line or at the top stays at column 0.
if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal autoindent
setlocal indentexpr=KithIndent(v:lnum)
setlocal indentkeys=o,O,!^F

let b:undo_indent = 'setlocal autoindent< indentexpr< indentkeys<'

if exists('*KithIndent')
  finish
endif

function! KithIndent(lnum) abort
  let previous = prevnonblank(a:lnum - 1)
  " Comment-only lines at column 0 say nothing about the block: look above them.
  while previous > 0 && getline(previous) =~# '^#'
    let previous = prevnonblank(previous - 1)
  endwhile
  if previous == 0
    return 0
  endif
  let line = getline(previous)
  if line =~# '^\(person\|role\|pillar\)\>'
    return shiftwidth()
  endif
  return indent(previous)
endfunction
