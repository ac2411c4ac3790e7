// Case, Task, Event, ServiceAppointment.
#include "emulator/org/standard_objects_internal.h"

namespace emu::standard {
namespace {

// Objects an activity's WhatId may point to (the ones this org has).
std::vector<std::string> what_targets() {
  return {"Account", "Asset", "Campaign", "Case", "Contract", "Opportunity", "Order", "Product2", "Quote",
          "ServiceAppointment"};
}

void add_case(Catalog& catalog) {
  ObjectBuilder b("Case", "Case", "Cases", "500");
  b.add(lookup("MasterRecordId", "Master Record ID", {"Case"}, "MasterRecord").read_only())
      .add(text("CaseNumber", "Case Number", 30).auto_number().name_field())
      .add(lookup("ContactId", "Contact ID", {"Contact"}, "Contact"))
      .add(lookup("AccountId", "Account ID", {"Account"}, "Account"))
      .add(lookup("AssetId", "Asset ID", {"Asset"}, "Asset"))
      .add(lookup("ParentId", "Parent Case ID", {"Case"}, "Parent"))
      .add(text("SuppliedName", "Name", 80))
      .add(email("SuppliedEmail", "Email Address"))
      .add(text("SuppliedPhone", "Phone", 40))
      .add(text("SuppliedCompany", "Company", 80))
      .add(picklist("Type", "Case Type", {"Mechanical", "Electrical", "Electronic", "Structural", "Other"}))
      .add(picklist("Status", "Status", {"New", "Working", "Escalated", "Closed"}, "New"))
      .add(picklist("Reason", "Case Reason",
                    {"Installation", "Equipment Complexity", "Performance", "Breakdown", "Equipment Design",
                     "Feedback", "Other"}))
      .add(picklist("Origin", "Case Origin", {"Phone", "Email", "Web"}))
      .add(text("Subject", "Subject", 255))
      .add(picklist("Priority", "Priority", {"High", "Medium", "Low"}, "Medium"))
      .add(description())
      .add(boolean("IsClosed", "Closed").read_only())
      .add(datetime("ClosedDate", "Closed Date").read_only())
      .add(boolean("IsEscalated", "Escalated"))
      .owner()
      .audit()
      .add(email("ContactEmail", "Contact Email").calculated())
      .add(phone("ContactPhone", "Contact Phone").calculated())
      .add(phone("ContactMobile", "Contact Mobile").calculated())
      .add(text("Comments", "Internal Comments", 4000))
      .recently_viewed();
  catalog.add(b.build());
}

// Fields Task and Event share, in Describe order.
void add_activity_head(ObjectBuilder& b) {
  b.add(lookup("WhoId", "Name ID", {"Contact", "Lead"}, "Who"))
      .add(lookup("WhatId", "Related To ID", what_targets(), "What"))
      .add(integer("WhoCount", "Relation Count", 9).read_only())
      .add(integer("WhatCount", "Related To Count", 9).read_only())
      .add(combobox("Subject", "Subject", {"Call", "Email", "Send Letter", "Send Quote", "Other"}));
}

void add_task(Catalog& catalog) {
  ObjectBuilder b("Task", "Task", "Tasks", "00T");
  add_activity_head(b);
  b.add(date("ActivityDate", "Due Date Only"))
      .add(picklist("Status", "Status", {"Not Started", "In Progress", "Completed", "Waiting on someone else",
                                         "Deferred"},
                    "Not Started")
               .not_null_defaulted())
      .add(picklist("Priority", "Priority", {"High", "Normal", "Low"}, "Normal").not_null_defaulted())
      .add(boolean("IsHighPriority", "High Priority").read_only())
      .owner()
      .add(description())
      .add(picklist("Type", "Type", {"Call", "Email", "Meeting", "Other"}))
      .add(lookup("AccountId", "Account ID", {"Account"}, "Account").read_only())
      .add(boolean("IsClosed", "Closed").read_only())
      .audit()
      .add(boolean("IsArchived", "Archived").read_only())
      .add(integer("CallDurationInSeconds", "Call Duration", 8))
      .add(picklist("CallType", "Call Type", {"Internal", "Inbound", "Outbound"}))
      .add(text("CallDisposition", "Call Result", 255))
      .add(text("CallObject", "Call Object Identifier", 255))
      .add(datetime("ReminderDateTime", "Reminder Date/Time"))
      .add(boolean("IsReminderSet", "Reminder Set"))
      .add(datetime("CompletedDateTime", "Completed Date/Time").read_only())
      .add(picklist("TaskSubtype", "Task Subtype", {"Task", "Email", "ListEmail", "Cadence", "Call", "LinkedIn"})
               .create_only());
  catalog.add(b.build());
}

void add_event(Catalog& catalog) {
  ObjectBuilder b("Event", "Event", "Events", "00U");
  add_activity_head(b);
  b.add(text("Location", "Location", 255))
      .add(boolean("IsAllDayEvent", "All-Day Event"))
      .add(datetime("ActivityDateTime", "Due Date Time"))
      .add(date("ActivityDate", "Due Date Only"))
      .add(integer("DurationInMinutes", "Duration", 8))
      .add(datetime("StartDateTime", "Start Date Time"))
      .add(datetime("EndDateTime", "End Date Time"))
      .add(date("EndDate", "End Date Only").read_only())
      .add(description())
      .add(lookup("AccountId", "Account ID", {"Account"}, "Account").read_only())
      .owner()
      .add(picklist("Type", "Type", {"Call", "Email", "Meeting", "Other"}))
      .add(boolean("IsPrivate", "Private"))
      .add(picklist("ShowAs", "Show Time As", {"Busy", "OutOfOffice", "Free"}, "Busy"))
      .add(boolean("IsChild", "Is Child").read_only())
      .add(boolean("IsGroupEvent", "Group Event").read_only())
      .audit()
      .add(boolean("IsArchived", "Archived").read_only())
      .add(datetime("ReminderDateTime", "Reminder Date/Time"))
      .add(boolean("IsReminderSet", "Reminder Set"))
      .add(picklist("EventSubtype", "Event Subtype", {"Event"}).create_only());
  catalog.add(b.build());
}

void add_service_appointment(Catalog& catalog) {
  ObjectBuilder b("ServiceAppointment", "Service Appointment", "Service Appointments", "08p");
  b.owner()
      .add(text("AppointmentNumber", "Appointment Number", 255).auto_number().name_field())
      .audit()
      .recently_viewed()
      .add(lookup("ParentRecordId", "Parent Record ID",
                  {"Account", "Asset", "Case", "Contact", "Lead", "Opportunity"}, "ParentRecord")
               .required()
               .create_only())
      .add(text("ParentRecordType", "Parent Record Type", 50).read_only())
      .add(lookup("AccountId", "Account ID", {"Account"}, "Account").read_only())
      .add(lookup("ContactId", "Contact ID", {"Contact"}, "Contact"))
      .add(text("Subject", "Subject", 255))
      .add(description())
      .address("", "")
      .add(datetime("EarliestStartTime", "Earliest Start Permitted").not_null_defaulted())
      .add(datetime("DueDate", "Due Date").not_null_defaulted())
      .add(decimal("Duration", "Estimated Duration", 16, 2))
      .add(picklist("DurationType", "Duration Type", {"Hours", "Minutes"}))
      .add(decimal("DurationInMinutes", "Duration in Minutes", 18, 2).calculated())
      .add(picklist("Status", "Status",
                    {"None", "Scheduled", "Dispatched", "In Progress", "Cannot Complete", "Completed", "Canceled"},
                    "None"))
      .add(picklist("StatusCategory", "Status Category",
                    {"None", "Scheduled", "Dispatched", "InProgress", "CannotComplete", "Completed", "Canceled"})
               .read_only())
      .add(datetime("SchedStartTime", "Scheduled Start"))
      .add(datetime("SchedEndTime", "Scheduled End"))
      .add(datetime("ActualStartTime", "Actual Start"))
      .add(datetime("ActualEndTime", "Actual End"))
      .add(decimal("ActualDuration", "Actual Duration (Minutes)", 16, 2))
      .add(datetime("ArrivalWindowStartTime", "Arrival Window Start"))
      .add(datetime("ArrivalWindowEndTime", "Arrival Window End"))
      .add(email("Email", "Email"))
      .add(phone("Phone", "Phone"))
      .add(boolean("IsOffsiteAppointment", "Offsite Appointment"));
  catalog.add(b.build());
}

}  // namespace

void add_service_objects(Catalog& catalog) {
  add_case(catalog);
  add_task(catalog);
  add_event(catalog);
  add_service_appointment(catalog);
}

}  // namespace emu::standard
