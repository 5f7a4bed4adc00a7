"""Demand for EHC plans: reading a series, forecasting it, and backtesting the forecasts.

Source: shared/domain/high-needs.md (stock and flow; population and rate effects; unmitigated and
mitigated scenarios; rolling-origin backtests with MAPE and signed bias against the "last year's
growth continues" baseline).
"""
