"""Readers that turn files into Reports and records; each bad row is rejected with its line number and reason."""
