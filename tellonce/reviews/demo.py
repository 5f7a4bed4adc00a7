"""Five years of annual reviews for the demo area (written with the reviews module's demo step)."""
