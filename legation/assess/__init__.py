"""Threat assessment: `legation.threat.v2` (model.py, a pure function of site, events, date and parameters), which
events count and how (counting.py), whether anything reports from a site's area (coverage.py), its features
(features.py, events.py), fitting (fit.py), scores (metrics.py), the backtest (backtest.py), and `assess_sites`
(service.py), which reads a database through the store."""
