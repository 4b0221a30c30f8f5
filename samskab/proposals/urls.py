from django.urls import path

from samskab.proposals import views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("nyt/", views.write, name="write"),
    path("behandling/", views.staff_queue, name="staff_queue"),
    path("fra-ide/<int:idea_pk>/", views.from_idea, name="from_idea"),
    path("<int:pk>/", views.proposal_detail, name="detail_short"),
    path("<int:pk>-<slug:slug>/", views.proposal_detail, name="detail"),
    path("<int:pk>/ret/", views.edit, name="edit"),
    path("<int:pk>/indsend/", views.submit, name="submit"),
    path("<int:pk>/slet/", views.delete, name="delete"),
    path("<int:pk>/medforslagsstiller/<str:token>/", views.join, name="join"),
    path("<int:pk>/traek-tilbage/", views.withdraw, name="withdraw"),
    path("<int:pk>/underskriv/", views.sign, name="sign"),
    path("<int:pk>/underskrift/tilbage/", views.withdraw_signature, name="withdraw_signature"),
    path("<int:pk>/formel-kontrol/", views.formal_check, name="formal_check"),
    path("<int:pk>/ret-tekst/", views.fix_text, name="fix_text"),
    path("<int:pk>/byraad/", views.schedule, name="schedule"),
    path("<int:pk>/beslutning/", views.decide, name="decide"),
    path("<int:pk>/fremdrift/", views.progress, name="progress"),
    path("<int:pk>/skranke/", views.desk, name="desk"),
]
