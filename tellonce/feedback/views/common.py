"""What the family-voice pages share: a change's form only for those who may make it."""

from tellonce.accounts.policy import Capability, allows, require_capability


def managing(request):
    """The data for a change's form, for those who may make it (False: they see no form); a change
    posted by anyone else is refused."""
    if request.method == "POST":
        require_capability(request.user, Capability.MANAGE_FEEDBACK)
    return (request.POST or None) if allows(request.user, Capability.MANAGE_FEEDBACK) else False
