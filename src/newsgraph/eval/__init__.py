"""Evaluation against public gold sets."""
