"""3. Link: wire copies and text reuse, citation chains, incidents across reports, stance."""
