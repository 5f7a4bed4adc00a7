"""Object-level rules for reviews, asking the same QuerySets as the pages."""

import rules

from tellonce.reviews.models import AnnualReview


@rules.predicate
def can_see_review(user, review) -> bool:
    return review is not None and AnnualReview.objects.visible_to(user).filter(pk=review.pk).exists()


@rules.predicate
def can_run_review(user, review) -> bool:
    return review is not None and AnnualReview.objects.editable_by(user).filter(pk=review.pk).exists()


@rules.predicate
def fills_in_paperwork(user, review) -> bool:
    return review is not None and AnnualReview.objects.for_setting(user).filter(pk=review.pk).exists()


rules.add_perm("reviews.view_annualreview", can_see_review)
rules.add_perm("reviews.change_annualreview", can_run_review)
rules.add_perm("reviews.submit_paperwork", fills_in_paperwork)
