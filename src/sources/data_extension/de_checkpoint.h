// Where a Data Extension pull resumes, as the checkpoint text stored with each page.
//
// Rows are read in (sort column, primary key) order, where the sort column is the modified field
// (incremental) or the first primary-key column (full). Marketing Cloud shows dates to the second
// but keeps finer ones, so "after the last row" cannot be a strict keyset: the checkpoint keeps
// the last sort value and the rows already read with that value, and the next query asks for
// `sort ge value`, skipping those rows. No gap (a row changed in that second is not in the set)
// and no duplicate (every row read with that value is in it).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sfsync {

struct DeCheckpoint {
  std::string sort_value;         // "" = from the start
  std::vector<std::string> seen;  // record ids read with sort_value
  bool complete = false;          // the run reached the end of the rowset (a full pass is done)
  // A tracked pass (a re-read of a DE whose rows the store already links): the store keeps the
  // ids it reads, and once it has read every row it sweeps the linked rows it did not read, in
  // record id order after `swept_to` (CustomerStore::unseen_linked_ids).
  bool tracked = false;
  bool sweeping = false;
  std::string swept_to;

  bool has_seen(const std::string& id) const;
  std::string serialize() const;  // {"v":1,"after":..,"seen":[..],"complete":..[,"tracked":..,"sweeping":..,"swept_to":..]}
  // nullopt for text that is not a DE checkpoint (an empty text is the start).
  static std::optional<DeCheckpoint> parse(const std::string& text);
};

}  // namespace sfsync
