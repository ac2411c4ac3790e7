// User, Group, Account, Contact, Lead; the shared picklists; add_standard_objects().
#include "emulator/org/standard_objects.h"

#include "emulator/org/standard_objects_internal.h"

namespace emu {
namespace standard {

Field lead_source(const char* name) {
  return picklist(name, "Lead Source",
                  {"Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"});
}

Field industry() {
  return picklist("Industry", "Industry",
                  {"Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals", "Communications",
                   "Construction", "Consulting", "Education", "Electronics", "Energy", "Engineering",
                   "Entertainment", "Environmental", "Finance", "Food & Beverage", "Government",
                   "Healthcare", "Hospitality", "Insurance", "Machinery", "Manufacturing", "Media",
                   "Not For Profit", "Recreation", "Retail", "Shipping", "Technology",
                   "Telecommunications", "Transportation", "Utilities", "Other"});
}

Field salutation() {
  return picklist("Salutation", "Salutation", {"Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Mx."});
}

Field description() { return textarea("Description", "Description", 32000); }

namespace {

// Person name parts as Contact and Lead have them; Name is computed by the org.
void add_person_name(ObjectBuilder& b) {
  b.add(text("LastName", "Last Name", 80).required())
      .add(text("FirstName", "First Name", 40))
      .add(salutation())
      .add(text("MiddleName", "Middle Name", 40))
      .add(text("Suffix", "Name Suffix", 40))
      .add(text("Name", "Full Name", 121).calculated().name_field());
}

void add_user(Catalog& catalog) {
  ObjectBuilder b("User", "User", "Users", "005");
  b.add(text("Username", "Username", 80).required().unique().id_lookup())
      .add(text("LastName", "Last Name", 80).required())
      .add(text("FirstName", "First Name", 40))
      .add(text("Name", "Full Name", 121).calculated().name_field())
      .add(text("CompanyName", "Company Name", 80))
      .add(text("Division", "Division", 80))
      .add(text("Department", "Department", 80))
      .add(text("Title", "Title", 80))
      .add(textarea("Street", "Street", 255).compound("Address"))
      .add(text("City", "City", 40).compound("Address"))
      .add(text("State", "State/Province", 80).compound("Address"))
      .add(text("PostalCode", "Zip/Postal Code", 20).compound("Address"))
      .add(text("Country", "Country", 80).compound("Address"))
      .add(Field("Address", "Address", FieldType::Address))
      .add(email("Email", "Email").required().id_lookup())
      .add(phone("Phone", "Phone"))
      .add(phone("MobilePhone", "Mobile"))
      .add(text("Alias", "Alias", 8).required())
      .add(text("CommunityNickname", "Nickname", 40).not_null_defaulted().unique().id_lookup())
      .add(boolean("IsActive", "Active"))
      .add(picklist("TimeZoneSidKey", "Time Zone",
                    {"America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Berlin",
                     "Europe/Paris", "Asia/Kolkata", "America/Sao_Paulo", "Asia/Tokyo"},
                    "America/Los_Angeles")
               .not_null_defaulted())
      .add(picklist("LocaleSidKey", "Locale", {"en_US", "en_GB", "de_DE", "fr_FR", "hi_IN", "pt_BR", "ja_JP"},
                    "en_US")
               .not_null_defaulted())
      .add(picklist("EmailEncodingKey", "Email Encoding", {"UTF-8", "ISO-8859-1", "Shift_JIS"}, "UTF-8")
               .not_null_defaulted())
      .add(picklist("LanguageLocaleKey", "Language", {"en_US", "de", "fr", "ja", "pt_BR"}, "en_US")
               .not_null_defaulted())
      .add(picklist("UserType", "User Type", {"Standard", "PowerPartner", "CsnOnly", "Guest"}, "Standard")
               .read_only()
               .not_null_defaulted())
      .add(text("EmployeeNumber", "Employee Number", 20))
      .add(lookup("ManagerId", "Manager ID", {"User"}, "Manager"))
      .add(datetime("LastLoginDate", "Last Login").read_only())
      .audit()
      .recently_viewed();
  catalog.add(b.build());
}

void add_group(Catalog& catalog) {
  ObjectBuilder b("Group", "Group", "Groups", "00G");
  b.add(text("Name", "Name", 40).required().name_field())
      .add(text("DeveloperName", "Developer Name", 80).not_null_defaulted())
      .add(picklist("Type", "Type",
                    {"Regular", "Role", "RoleAndSubordinates", "Organization", "Queue", "Manager"})
               .required()
               .create_only())
      .add(email("Email", "Email"))
      .add(boolean("DoesSendEmailToMembers", "Send Email to Members"))
      .add(boolean("DoesIncludeBosses", "Include Bosses"))
      .audit();
  catalog.add(b.build());
}

void add_account(Catalog& catalog) {
  ObjectBuilder b("Account", "Account", "Accounts", "001");
  b.add(lookup("MasterRecordId", "Master Record ID", {"Account"}, "MasterRecord").read_only())
      .add(text("Name", "Account Name", 255).required().name_field().id_lookup())
      .add(picklist("Type", "Account Type",
                    {"Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller",
                     "Installation Partner", "Technology Partner", "Other"}))
      .add(lookup("ParentId", "Parent Account ID", {"Account"}, "Parent"))
      .address("Billing", "Billing")
      .address("Shipping", "Shipping")
      .add(phone("Phone", "Account Phone"))
      .add(phone("Fax", "Account Fax"))
      .add(text("AccountNumber", "Account Number", 40))
      .add(url("Website", "Website"))
      .add(url("PhotoUrl", "Photo URL").read_only())
      .add(text("Sic", "SIC Code", 20))
      .add(industry())
      .add(currency("AnnualRevenue", "Annual Revenue", 18, 0))
      .add(integer("NumberOfEmployees", "Employees", 8))
      .add(picklist("Ownership", "Ownership", {"Public", "Private", "Subsidiary", "Other"}))
      .add(text("TickerSymbol", "Ticker Symbol", 20))
      .add(description())
      .add(picklist("Rating", "Account Rating", {"Hot", "Warm", "Cold"}))
      .add(text("Site", "Account Site", 80))
      .owner()
      .audit()
      .add(date("LastActivityDate", "Last Activity").read_only())
      .recently_viewed()
      .add(text("Jigsaw", "Data.com Key", 20))
      .add(picklist("AccountSource", "Account Source",
                    {"Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"}))
      .add(text("SicDesc", "SIC Description", 80));
  catalog.add(b.build());
}

void add_contact(Catalog& catalog) {
  ObjectBuilder b("Contact", "Contact", "Contacts", "003");
  b.add(lookup("MasterRecordId", "Master Record ID", {"Contact"}, "MasterRecord").read_only())
      .add(lookup("AccountId", "Account ID", {"Account"}, "Account"));
  add_person_name(b);
  b.address("Other", "Other")
      .address("Mailing", "Mailing")
      .add(phone("Phone", "Business Phone"))
      .add(phone("Fax", "Business Fax"))
      .add(phone("MobilePhone", "Mobile Phone"))
      .add(phone("HomePhone", "Home Phone"))
      .add(phone("OtherPhone", "Other Phone"))
      .add(phone("AssistantPhone", "Asst. Phone"))
      .add(lookup("ReportsToId", "Reports To ID", {"Contact"}, "ReportsTo"))
      .add(email("Email", "Email").id_lookup())
      .add(text("Title", "Title", 128))
      .add(text("Department", "Department", 80))
      .add(text("AssistantName", "Assistant's Name", 40))
      .add(lead_source())
      .add(date("Birthdate", "Birthdate"))
      .add(description())
      .owner()
      .add(boolean("HasOptedOutOfEmail", "Email Opt Out"))
      .add(boolean("HasOptedOutOfFax", "Fax Opt Out"))
      .add(boolean("DoNotCall", "Do Not Call"))
      .audit()
      .add(date("LastActivityDate", "Last Activity").read_only())
      .add(datetime("LastCURequestDate", "Last Stay-in-Touch Request Date").read_only())
      .add(datetime("LastCUUpdateDate", "Last Stay-in-Touch Save Date").read_only())
      .recently_viewed()
      .add(text("EmailBouncedReason", "Email Bounced Reason", 255))
      .add(datetime("EmailBouncedDate", "Email Bounced Date"))
      .add(boolean("IsEmailBounced", "Is Email Bounced").read_only())
      .add(url("PhotoUrl", "Photo URL").read_only())
      .add(text("Jigsaw", "Data.com Key", 20))
      .add(text("JigsawContactId", "Jigsaw Contact ID", 20).read_only())
      .add(picklist("CleanStatus", "Clean Status",
                    {"Matched", "Different", "Acknowledged", "NotFound", "Inactive", "Pending", "SelectMatch",
                     "Skipped"}));
  catalog.add(b.build());
}

void add_lead(Catalog& catalog) {
  ObjectBuilder b("Lead", "Lead", "Leads", "00Q");
  b.add(lookup("MasterRecordId", "Master Record ID", {"Lead"}, "MasterRecord").read_only());
  add_person_name(b);
  b.add(text("Title", "Title", 128))
      .add(text("Company", "Company", 255).required())
      .address("", "")
      .add(phone("Phone", "Phone"))
      .add(phone("MobilePhone", "Mobile Phone"))
      .add(phone("Fax", "Fax"))
      .add(email("Email", "Email").id_lookup())
      .add(url("Website", "Website"))
      .add(url("PhotoUrl", "Photo URL").read_only())
      .add(description())
      .add(lead_source())
      .add(picklist("Status", "Status",
                    {"Open - Not Contacted", "Working - Contacted", "Closed - Converted",
                     "Closed - Not Converted"},
                    "Open - Not Contacted")
               .not_null_defaulted())
      .add(industry())
      .add(picklist("Rating", "Rating", {"Hot", "Warm", "Cold"}))
      .add(currency("AnnualRevenue", "Annual Revenue", 18, 0))
      .add(integer("NumberOfEmployees", "Employees", 8))
      .owner()
      .add(boolean("HasOptedOutOfEmail", "Email Opt Out"))
      .add(boolean("IsConverted", "Converted").read_only())
      .add(date("ConvertedDate", "Converted Date").read_only())
      .add(lookup("ConvertedAccountId", "Converted Account ID", {"Account"}, "ConvertedAccount").read_only())
      .add(lookup("ConvertedContactId", "Converted Contact ID", {"Contact"}, "ConvertedContact").read_only())
      .add(lookup("ConvertedOpportunityId", "Converted Opportunity ID", {"Opportunity"}, "ConvertedOpportunity")
               .read_only())
      .add(boolean("IsUnreadByOwner", "Unread By Owner"))
      .audit()
      .add(date("LastActivityDate", "Last Activity").read_only())
      .add(boolean("DoNotCall", "Do Not Call"))
      .add(boolean("HasOptedOutOfFax", "Fax Opt Out"))
      .recently_viewed()
      .add(text("Jigsaw", "Data.com Key", 20))
      .add(text("EmailBouncedReason", "Email Bounced Reason", 255))
      .add(datetime("EmailBouncedDate", "Email Bounced Date"));
  catalog.add(b.build());
}

}  // namespace

void add_people_objects(Catalog& catalog) {
  add_user(catalog);
  add_group(catalog);
  add_account(catalog);
  add_contact(catalog);
  add_lead(catalog);
}

}  // namespace standard

void add_standard_objects(Catalog& catalog) {
  standard::add_people_objects(catalog);
  standard::add_sales_objects(catalog);
  standard::add_service_objects(catalog);
}

}  // namespace emu
