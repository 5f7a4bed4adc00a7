"""EHC plans for the demo area: the step and its builder (`builder.py`) and the plans' wording by
area of need (`data.py`)."""

from tellonce.demo.plans import builder  # noqa: F401  (registers the step)
