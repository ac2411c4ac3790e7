// Shared pieces of the standard object definitions (split over several files by business area).
#pragma once

#include "emulator/org/object_builder.h"
#include "emulator/org/schema.h"

namespace emu::standard {

void add_people_objects(Catalog& catalog);   // User, Group, Account, Contact, Lead
void add_sales_objects(Catalog& catalog);    // Opportunity, products, price books, quotes, orders, campaigns
void add_service_objects(Catalog& catalog);  // Case, Task, Event, ServiceAppointment

// Picklists several objects share, with the values of a new Developer Edition org.
Field lead_source(const char* name = "LeadSource");
Field industry();
Field salutation();
Field description();  // Description: textarea 32000

}  // namespace emu::standard
