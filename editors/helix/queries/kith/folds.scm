; Folding: each directive block folds from its header to its last body line.
[
  (person)
  (role)
  (pillar)
  (setting)
] @fold
