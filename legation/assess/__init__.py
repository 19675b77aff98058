"""Threat assessment: `legation.threat.v1` (model.py, a pure function of site, events, date and parameters), its
features (features.py, events.py), fitting (fit.py), scores (metrics.py), the rolling-origin backtest
(backtest.py), and `assess_sites` (service.py), which reads a database through the store."""
