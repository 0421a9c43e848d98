from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.selectors import user_memberships


@login_required
def my_account(request):
    return render(
        request, "accounts/my_account.html", {"memberships": user_memberships(request.user)}
    )


@neighbourhood_view()
def join(request):
    return render(request, "accounts/join.html", {})
