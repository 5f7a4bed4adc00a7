"""High-needs spend: caseload x unit cost by placement type, and the variance between budget and
actual explained as volume, mix and price (the Delivering Better Value framing, high-needs.md s. 1.1).

With budget volumes Vb_i at unit costs Pb_i and actual volumes Va_i at Pa_i:
volume = (sum Va - sum Vb) x budget average cost; mix = sum (Va_i - sum Va x budget share_i) x Pb_i;
price = sum Va_i x (Pa_i - Pb_i). The three add up to actual - budget.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    volume: float  # plans (or full-year equivalents)
    unit_cost: float

    @property
    def cost(self) -> float:
        return self.volume * self.unit_cost


def spend(lines: dict[str, Line]) -> float:
    return sum(line.cost for line in lines.values())


@dataclass(frozen=True, slots=True)
class Variance:
    budget: float
    actual: float
    volume: float
    mix: float
    price: float

    @property
    def total(self) -> float:
        return self.actual - self.budget


def variance(budget: dict[str, Line], actual: dict[str, Line]) -> Variance:
    names = set(budget) | set(actual)
    zero = Line(0.0, 0.0)
    b = {n: budget.get(n, zero) for n in names}
    a = {n: actual.get(n, zero) for n in names}
    budget_volume, actual_volume = sum(x.volume for x in b.values()), sum(x.volume for x in a.values())
    budget_cost = spend(b)
    average = budget_cost / budget_volume if budget_volume else 0.0
    # A placement type with no budget is priced at its actual cost, so its whole cost is volume and mix.
    price_of = {n: b[n].unit_cost if b[n].volume else a[n].unit_cost for n in names}
    volume = (actual_volume - budget_volume) * average
    at_budget_prices = sum(a[n].volume * price_of[n] for n in names)
    mix = at_budget_prices - budget_cost - volume
    price = spend(a) - at_budget_prices
    return Variance(budget_cost, spend(a), volume, mix, price)


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    year: int
    target: float
    actual: float | None
    lower_is_better: bool = True

    @property
    def met(self) -> bool | None:
        if self.actual is None:
            return None
        return self.actual <= self.target if self.lower_is_better else self.actual >= self.target
