"""The modal windows: each asks one thing (a yes or no, a path, a record's fields) and
dismisses with the answer. Screens push them; they never reach back up to the app."""
