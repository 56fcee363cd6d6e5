from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("hoi-nghi/", views.meeting_list, name="list"),
    path("hoi-nghi/lich.ics", views.meeting_calendar, name="ical"),
    path("hoi-nghi/<int:year>/<slug:slug>/", views.meeting_detail, name="detail"),
]
