" kith: files ending in .kith are kith networks.
autocmd BufRead,BufNewFile *.kith setfiletype kith
