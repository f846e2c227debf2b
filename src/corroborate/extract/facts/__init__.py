"""What a statement alleges: harmful acts and their violation types (``acts``,
``violations``, ``background``), the place and day of the act (``places``, ``toponyms``,
``inflection``, ``times``, ``anchors``), and the figures it gives (``amounts``, ``numbers``,
``deaths``)."""
