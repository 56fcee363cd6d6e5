"""Statistics: the commendation look-up, the public statistics with their CSV and XLSX files,
the official form 0603 and the per-cluster yearly summaries.

A room of its own inside the awards app (it reads only the awards' records and the clusters and
meetings below them): `selectors` gives the lines each report starts from, `reports` and
`form_0603` compute the figures in the database, `views` renders them as pages (`urls` adds them
to the "awards" namespace), `exports` as CSV and XLSX files, `charts` as SVG bars, `filters` binds
the query string. The templates are under awards/templates/awards/stats/."""
