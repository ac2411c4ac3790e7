#include "e2e/small_org.h"

#include <stdexcept>

#include "e2e/e2e_env.h"

namespace e2e {

std::unique_ptr<testing_support::EmulatorProcess> SmallOrg::process_;

void SmallOrg::start() {
  process_ = std::make_unique<testing_support::EmulatorProcess>(
      kEmulatorBin, std::vector<std::string>{"--port", "0", "--seed", "5", "--accounts", "40", "--contacts", "600",
                                             "--cases", "200"});
}

void SmallOrg::stop() { process_.reset(); }

const std::string& SmallOrg::url() {
  if (!process_) throw std::logic_error("SmallOrg::start() first");
  return process_->url();
}

const char* const kContactSync =
    "  - name: contacts\n"
    "    connection: crm\n"
    "    source: {object: Contact}\n"
    "    fields: [FirstName, LastName]\n"
    "    identifiers:\n"
    "      - {type: email, field: Email}\n"
    "      - {type: sf_contact_id, template: \"SF_Contact_{{Id}}\"}\n"
    "    attributes:\n"
    "      - {field: FirstName, name: first_name}\n"
    "      - {field: LastName, name: last_name}\n"
    "      - {field: Title, name: title}\n"
    "    fixed: {crm_source: salesforce}\n";

const char* const kCaseEventSync =
    "  - name: case_events\n"
    "    connection: crm\n"
    "    source: {object: Case}\n"
    "    target: event\n"
    "    identifiers:\n"
    "      - {type: sf_contact_id, template: \"SF_Contact_{{ContactId}}\"}\n"
    "    event:\n"
    "      name: case_updated\n"
    "      timestamp: {field: LastModifiedDate}\n"
    "      parameters:\n"
    "        - {field: Status, name: status}\n"
    "        - {field: Priority, name: priority}\n";

}  // namespace e2e
