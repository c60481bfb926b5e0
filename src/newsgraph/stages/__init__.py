"""The analysis stages: one module per stage, each adding one kind of annotation."""
