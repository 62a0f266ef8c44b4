#include "integration/server/support/webhook_receiver.h"

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>

#include <stdexcept>

namespace cepheus::test {

void Gate::open() {
  {
    std::lock_guard lock(mutex_);
    open_ = true;
  }
  opened_.notify_all();
}

bool Gate::waitOpen(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  return opened_.wait_for(lock, wait, [this] { return open_; });
}

TlsFiles writeSelfSignedCertificate(const std::string& dir) {
  TlsFiles files{dir + "/receiver.crt", dir + "/receiver.key"};
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  if (!key || !cert) throw std::runtime_error("cannot make a key");
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509V3_CTX context;
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"}, std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension) throw std::runtime_error("cannot make a certificate extension");
    X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
  }
  if (!X509_sign(cert, key, EVP_sha256())) throw std::runtime_error("cannot sign the certificate");
  FILE* out = std::fopen(files.certificate.c_str(), "w");
  PEM_write_X509(out, cert);
  std::fclose(out);
  out = std::fopen(files.key.c_str(), "w");
  PEM_write_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(out);
  X509_free(cert);
  EVP_PKEY_free(key);
  return files;
}

std::string webhookSignature(const std::string& key, const Received& request) {
  std::string content = request.headers.at("webhook-id") + "." + request.headers.at("webhook-timestamp") + "." + request.body;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(content.data()),
       content.size(), digest, &length);
  std::string out(4 * ((length + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), digest, static_cast<int>(length));
  return "v1," + out;
}

WebhookReceiver::WebhookReceiver() {
  how_ = [](const Received&, size_t) { return Answer{}; };
  listen();
}

WebhookReceiver::WebhookReceiver(TlsFiles tls) : tls_(std::move(tls)) {
  how_ = [](const Received&, size_t) { return Answer{}; };
  listen();
}

WebhookReceiver::~WebhookReceiver() { down(); }

void WebhookReceiver::listen() {
  if (tls_) {
    server_ = std::make_unique<httplib::SSLServer>(tls_->certificate.c_str(), tls_->key.c_str());
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  server_->set_keep_alive_max_count(1000);
  // One thread per keep-alive connection: more than the sink's max.in.flight (16 by default), or
  // connections beyond the pool wait for another to time out (5 s).
  server_->new_task_queue = [] { return new httplib::ThreadPool(40); };
  auto handle = [this](const httplib::Request& request, httplib::Response& response) {
    Received received;
    received.method = request.method;
    received.path = request.path;
    received.body = request.body;
    for (const auto& [name, value] : request.headers) {
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      received.headers[lower] = value;
    }
    Answer answer;
    {
      std::lock_guard lock(mutex_);
      answer = how_(received, received_.size());
    }
    if (answer.holdUntilOpen) answer.holdUntilOpen->waitOpen(std::chrono::seconds(20));
    if (answer.delay.count() > 0) std::this_thread::sleep_for(answer.delay);
    received.answered = answer.status;
    {
      std::lock_guard lock(mutex_);
      received_.push_back(received);
    }
    response.status = answer.status;
  };
  server_->Post(".*", handle);
  server_->Put(".*", handle);
  if (port_ == 0) {
    port_ = server_->bind_to_any_port("127.0.0.1");
  } else if (!server_->bind_to_port("127.0.0.1", port_)) {
    throw std::runtime_error("the receiver cannot listen on its port again");
  }
  if (port_ <= 0) throw std::runtime_error("the receiver cannot listen");
  thread_ = std::thread([server = server_.get()] { server->listen_after_bind(); });
  // stop() does nothing to a server that has not entered its accept loop yet, so down() right
  // after listen() would wait forever for the thread: wait (at most 5 s) until it runs.
  for (int i = 0; i < 500 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (!server_->is_running()) throw std::runtime_error("the receiver did not start listening");
}

void WebhookReceiver::behave(std::function<Answer(const Received&, size_t)> how) {
  std::lock_guard lock(mutex_);
  how_ = std::move(how);
}

void WebhookReceiver::down() {
  if (!server_) return;
  server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

void WebhookReceiver::up() {
  if (!server_) listen();
}

std::vector<Received> WebhookReceiver::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

std::vector<Received> WebhookReceiver::delivered() const {
  std::vector<Received> out;
  for (const Received& r : received())
    if (r.answered >= 200 && r.answered < 300) out.push_back(r);
  return out;
}

}  // namespace cepheus::test
