"""``newstrace report``: a self-contained HTML or Markdown report on one actor."""
