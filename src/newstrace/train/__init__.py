"""Training: turn annotated corpora into spaCy examples and train the shipped models.

Everything here reads ``../shared`` at run time and writes under ``build/``;
only the finished weights are copied into the package (``newstrace/models``).
"""
