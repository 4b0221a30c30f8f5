"""Mounted at "foreninger/" inside i18n_patterns. The fixed first path segments are in
services.RESERVED_SLUGS so that no organisation's slug can shadow them."""

from django.urls import path

from samskab.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("registrer/", views.register, name="register"),
    path("administrer/", views.manage_dashboard, name="manage"),
    path("administrer/<slug:slug>/", views.manage_overview, name="manage_overview"),
    path("administrer/<slug:slug>/oplysninger/", views.manage_edit, name="manage_edit"),
    path("administrer/<slug:slug>/send-igen/", views.resubmit, name="resubmit"),
    path("administrer/<slug:slug>/medlemmer/", views.manage_members, name="manage_members"),
    path(
        "administrer/<slug:slug>/medlemmer/<int:membership_id>/rolle/",
        views.member_change_role,
        name="member_change_role",
    ),
    path(
        "administrer/<slug:slug>/medlemmer/<int:membership_id>/fjern/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "administrer/<slug:slug>/invitationer/<int:invitation_id>/tilbagekald/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("godkendelse/", views.review_list, name="review_list"),
    path("godkendelse/<slug:slug>/", views.review, name="review"),
    path("godkendelse/<slug:slug>/godkend/", views.approve, name="approve"),
    path("godkendelse/<slug:slug>/afvis/", views.reject, name="reject"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
]
