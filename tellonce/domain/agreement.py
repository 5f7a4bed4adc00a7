"""Agreement between two auditors grading the same plans: Cohen's kappa with its interval.

Sources: J. Cohen, "A coefficient of agreement for nominal scales", Educational and Psychological
Measurement 20 (1960) 37-46 (kappa); J. Cohen, "Weighted kappa", Psychological Bulletin 70 (1968)
213-220; J. L. Fleiss, J. Cohen and B. S. Everitt, "Large sample standard errors of kappa and
weighted kappa", Psychological Bulletin 72 (1969) 323-327, whose standard error (not Cohen's 1960
approximation) gives the 95% interval, as in Fleiss, Levin and Paik, "Statistical Methods for
Rates and Proportions" (3rd ed., 2003), ch. 18.

The grades are paired: (first auditor's grade, moderator's grade) for one question of one plan.
Weighted kappa uses the ordinal scale's order (linear or quadratic disagreement weights), so that
"good" against "outstanding" counts as a nearer miss than "good" against "inadequate".
"""

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Z_95 = 1.959963984540054
Weights = Literal["none", "linear", "quadratic"]


class NotEnoughPairs(ValueError):
    """Kappa is undefined without pairs, or when chance alone would give complete agreement."""


@dataclass(frozen=True, slots=True)
class Kappa:
    value: float
    standard_error: float
    low: float  # the 95% interval, from the Fleiss, Cohen and Everitt standard error
    high: float
    pairs: int
    observed: float  # the share of pairs in agreement (weighted, for weighted kappa)
    expected: float  # the share expected by chance from each auditor's own grades

    @property
    def strength(self) -> str:
        """Landis and Koch's words (Biometrics 33 (1977) 159-174), as audit reports commonly use them."""
        for floor, words in ((0.8, "almost perfect"), (0.6, "substantial"), (0.4, "moderate"), (0.2, "fair")):
            if self.value > floor:
                return words
        return "slight" if self.value >= 0 else "poor"


def _weight(i: int, j: int, k: int, weights: Weights) -> float:
    if weights == "none" or k == 1:
        return 1.0 if i == j else 0.0
    distance = abs(i - j) / (k - 1)
    return 1 - distance if weights == "linear" else 1 - distance**2


def kappa_from_table(table: Sequence[Sequence[float]], *, weights: Weights = "none") -> Kappa:
    """Kappa from a square table of counts: rows the first auditor's grades, columns the second's,
    in the scale's order. Counts may be proportions times n only if they sum to n."""
    k = len(table)
    if any(len(row) != k for row in table):
        raise ValueError("The table must be square: the same grades for both auditors")
    n = sum(sum(row) for row in table)
    if n <= 0:
        raise NotEnoughPairs("No pairs of grades to compare")
    p = [[cell / n for cell in row] for row in table]
    rows = [sum(p[i]) for i in range(k)]
    cols = [sum(p[i][j] for i in range(k)) for j in range(k)]
    w = [[_weight(i, j, k, weights) for j in range(k)] for i in range(k)]
    observed = sum(w[i][j] * p[i][j] for i in range(k) for j in range(k))
    expected = sum(w[i][j] * rows[i] * cols[j] for i in range(k) for j in range(k))
    if math.isclose(expected, 1.0):
        raise NotEnoughPairs("Both auditors gave one grade only, so agreement by chance is complete")
    value = (observed - expected) / (1 - expected)
    # Fleiss, Cohen and Everitt (1969), eq. for the variance of (weighted) kappa when kappa is not 0.
    row_mean = [sum(cols[j] * w[i][j] for j in range(k)) for i in range(k)]
    col_mean = [sum(rows[i] * w[i][j] for i in range(k)) for j in range(k)]
    total = sum(
        p[i][j] * (w[i][j] - (row_mean[i] + col_mean[j]) * (1 - value)) ** 2
        for i in range(k)
        for j in range(k)
    )
    variance = (total - (value - expected * (1 - value)) ** 2) / (n * (1 - expected) ** 2)
    se = math.sqrt(max(variance, 0.0))
    return Kappa(value, se, value - Z_95 * se, value + Z_95 * se, round(n), observed, expected)


def cohen_kappa(
    pairs: Iterable[tuple[str, str]], scale: Sequence[str], *, weights: Weights = "none"
) -> Kappa:
    """Kappa over pairs of grades, each grade one of `scale` (in order, best first)."""
    index = {grade: i for i, grade in enumerate(scale)}
    counts = Counter((index[first], index[second]) for first, second in pairs)
    table = [[counts[(i, j)] for j in range(len(scale))] for i in range(len(scale))]
    return kappa_from_table(table, weights=weights)
