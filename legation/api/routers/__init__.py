"""One router per resource; each calls library functions only (never tables)."""
