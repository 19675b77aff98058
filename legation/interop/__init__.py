"""Speaking to the threat-intelligence platforms others already run: STIX 2.1 bundles and TAXII 2.1 publishing."""
