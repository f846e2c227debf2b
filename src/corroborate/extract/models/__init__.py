"""The learned parts of extraction and their bundled data: the spaCy pipeline (``nlp``), the
attribution encoder (``encoder``, ``encoder_graph``, ``encoder_runtime``, ``wordpiece``), the
cue model (``cue_model``) and the violation model (``violation_model``). Each loads its
weights from this folder once; the rules in ``attribution`` and ``facts`` call them."""
