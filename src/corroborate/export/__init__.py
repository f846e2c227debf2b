"""5b. Export: the run's results in the forms users read and share (JSON, static HTML)."""
