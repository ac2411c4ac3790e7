// SecretCipher: encrypts secrets (OAuth refresh tokens) before the store keeps them.
//
// AesGcmCipher uses AES-256-GCM (OpenSSL) with a random 96-bit nonce per secret and the secret's
// name as associated data, so a blob copied under another name does not decrypt. The key lives
// outside the store (a file or an environment variable): a stolen store file alone reveals nothing.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace sfsync {

class SecretCipher {
 public:
  virtual ~SecretCipher() = default;
  virtual Result<std::string> encrypt(std::string_view name, std::string_view plaintext) const = 0;
  virtual Result<std::string> decrypt(std::string_view name, std::string_view blob) const = 0;
};

class AesGcmCipher : public SecretCipher {
 public:
  // key: exactly 32 bytes.
  explicit AesGcmCipher(std::string key) : key_(std::move(key)) {}

  // The key as 64 hex characters (e.g. `openssl rand -hex 32`), or a file holding them or 32 raw bytes.
  static Result<std::unique_ptr<AesGcmCipher>> from_hex(std::string_view hex);
  static Result<std::unique_ptr<AesGcmCipher>> from_file(const std::string& path);
  // SFSYNC_SECRET_KEY (hex) if set, else SFSYNC_SECRET_KEY_FILE; an error naming both otherwise.
  static Result<std::unique_ptr<AesGcmCipher>> from_environment();

  Result<std::string> encrypt(std::string_view name, std::string_view plaintext) const override;
  Result<std::string> decrypt(std::string_view name, std::string_view blob) const override;

 private:
  std::string key_;
};

}  // namespace sfsync
