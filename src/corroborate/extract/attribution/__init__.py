"""Who said what: speech cues, quotations, the encoder's tags and their arbitration
(``combine``), speakers and their coreference, and the outlets that relayed a statement.
Each module finds candidates in a parsed ``Doc``; ``extract.document`` puts them together."""
