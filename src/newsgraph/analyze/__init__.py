"""Analysis stages: each adds one kind of annotation to a parsed article."""
