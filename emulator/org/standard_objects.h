// The standard Salesforce objects the emulated org has, with Describe-accurate metadata.
//
// Flags matter beyond Describe: the SOQL compiler decides filterable/groupable from them and the
// sync engine's reverse-ETL computes required fields as createable && !nillable && !defaultedOnCreate,
// so each object states exactly what a real org reports (Contact: LastName; Lead: LastName, Company;
// Account: Name; Opportunity: Name, StageName, CloseDate; ...).
//
// Objects: User, Group, Account, Contact, Lead, Opportunity, OpportunityLineItem, Product2,
// Pricebook2, PricebookEntry, Quote, Contract, Order, Asset, Campaign, CampaignMember, Case, Task,
// Event, ServiceAppointment — with their real key prefixes.
#pragma once

#include "emulator/org/schema.h"

namespace emu {

void add_standard_objects(Catalog& catalog);

}  // namespace emu
