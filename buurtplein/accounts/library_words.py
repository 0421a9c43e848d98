"""Strings of allauth, of Django's password validators and of Django's admin that show on our pages, here so that
they are in our own catalogue (``buurtplein/locale``) with Dutch in the house tone: "je", and
our words ("Inloggen", "Account maken"). ``LOCALE_PATHS`` is searched before the catalogues of
the installed apps and of Django itself, so an msgid translated here wins over theirs.

Nothing imports this module: ``makemessages`` reads it. Add a string when a library page shows
"u/uw" or library wording (``accounts/tests/test_joining.py`` checks the pages people meet).
Whole e-mails and messages of allauth are our own templates instead (``templates/account/``,
``templates/mfa/``).
"""

# ruff: noqa: E501 (each msgid must equal the library's, long lines included)

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

LIBRARY_WORDS = [
    _("Sign In"),
    _("Sign Up"),
    _("Signup"),
    _("Sign Out"),
    _("Are you sure you want to sign out?"),
    _("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    _("Already have an account? Then please %(link)ssign in%(end_link)s."),
    _("Remember Me"),
    _("Verify Your Email Address"),
    _(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup process. If you do not see the verification email in your main inbox, check your spam folder. Please contact us if you do not receive the verification email within a few minutes."
    ),
    _(
        "We have sent an email to you for\nverification. Please click on the link inside that email. If you do not see the verification email in your main inbox, check your spam folder. Otherwise\ncontact us if you do not receive it within a few minutes."
    ),
    _(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    _("Please contact us if you have any trouble resetting your password."),
    _("Reset My Password"),
    _("Confirm Email Address"),
    _(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address for user %(user_display)s.'
    ),
    _(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    _("Please reauthenticate to safeguard your account."),
    _("Confirm Access"),
    _("Re-send Verification"),
    _("Make Primary"),
    _("Primary"),
    _("The following email addresses are associated with your account:"),
    _("Two-Factor Authentication"),
    _("Activate"),
    _("Your password can’t be too similar to your other personal information."),
    _("Your password can’t be a commonly used password."),
    _("Your password can’t be entirely numeric."),
    _("This password is too common."),
    _("This password is entirely numeric."),
    _("The password is too similar to the %(verbose_name)s."),
    _("Your old password was entered incorrectly. Please enter it again."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        1,
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
    # Django's admin (/admin/): strings its Dutch catalogue lacks.
    _('The app "%s" could not be found.'),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", 1),
    _("Filter by %(field_name)s"),
    _(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related objects, but your account doesn't have permission to delete the following types of objects:"
    ),
    _(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following protected related objects:"
    ),
    _(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the following related items will be deleted:"
    ),
    _("Forgotten your login credentials?"),
    _("Pagination %(name)s entries"),
    _("Pagination %(name)s"),
    _("Search %(name)s"),
    _("Logout"),
]
