"""The live measures a priority can cite, one module for each app they are counted from. Each
module registers its measures in `improvement.registry` when it is imported, which
`ImprovementConfig.ready` does; improvement sits above the apps it counts, so it imports them."""

from tellonce.improvement.measures import advice, assessments

__all__ = ["advice", "assessments"]
