#include "serve/serve.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/StreamCopier.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

#include <cerrno>
#include <optional>
#include <Poco/Timestamp.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>

#include "cli/build.h"
#include "cli/cli.h"
#include "serve/static_files.h"

namespace creditgen::serve {
namespace {

namespace fs = std::filesystem;
using Poco::Net::HTTPResponse;

constexpr const char* kReloadScript =
    "(function(){var seen=null;function poll(){var x=new XMLHttpRequest();"
    "x.open('GET','/__creditgen/generation');x.onload=function(){"
    "if(seen!==null&&x.responseText!==seen){location.reload();}seen=x.responseText;};"
    "x.send();}setInterval(poll,1000);poll();})();\n";

/// A cheap fingerprint of the source folders: every entry's path, size and
/// modification time. Links are not followed.
uint64_t source_stamp(const std::vector<fs::path>& roots) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](const void* data, size_t n) {
    auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  };
  for (const auto& root : roots) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      struct stat st;
      if (::lstat(it->path().c_str(), &st) != 0) continue;
      const std::string p = it->path().string();
      mix(p.data(), p.size());
      mix(&st.st_size, sizeof st.st_size);
      mix(&st.st_mtim, sizeof st.st_mtim);
    }
  }
  return h;
}

/// Rebuilds when the sources changed; checked on requests (the reload
/// script polls every second, so an open page notices within a second).
class Rebuilder {
 public:
  Rebuilder(cli::BuildOptions options, bool enabled) : options_(std::move(options)), enabled_(enabled) {
    fs::path content = options_.content_dir;
    roots_ = {content, content.parent_path() / "templates", content.parent_path() / "assets"};
    if (!options_.templates_dir.empty()) roots_[1] = options_.templates_dir;
    if (!options_.assets_dir.empty()) roots_[2] = options_.assets_dir;
    stamp_ = enabled_ ? source_stamp(roots_) : 0;
  }

  void ensure_fresh() {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (now - last_check_ < std::chrono::milliseconds(250)) return;
    last_check_ = now;
    uint64_t stamp = source_stamp(roots_);
    if (stamp == stamp_) return;
    stamp_ = stamp;
    std::cerr << "检测到内容变化，正在重新生成……\n";
    cli::build_site(options_);
    ++generation_;
  }

  uint64_t generation() const { return generation_; }

 private:
  cli::BuildOptions options_;
  bool enabled_;
  std::vector<fs::path> roots_;
  std::mutex mutex_;
  uint64_t stamp_ = 0;
  std::atomic<uint64_t> generation_{1};
  std::chrono::steady_clock::time_point last_check_{};
};

// Every response: the pages' own CSP (outputs.md) also as a header, no MIME
// sniffing (an evidence file named .txt is never run as HTML or script), no
// referrer leaving the intranet.
void set_safety_headers(Poco::Net::HTTPServerResponse& resp) {
  resp.set("X-Content-Type-Options", "nosniff");
  resp.set("Content-Security-Policy",
           "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'");
  resp.set("Referrer-Policy", "no-referrer");
}

void send_text(Poco::Net::HTTPServerResponse& resp, HTTPResponse::HTTPStatus status, const std::string& type,
               const std::string& body, bool head) {
  set_safety_headers(resp);
  resp.setStatusAndReason(status);
  resp.setContentType(type);
  resp.set("Cache-Control", "no-store");
  resp.setContentLength64(static_cast<Poco::UInt64>(body.size()));
  auto& out = resp.send();
  if (!head) out << body;
}

std::string not_found_page(const std::string& path) {
  std::string escaped;
  for (char c : path) {
    switch (c) {
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '&': escaped += "&amp;"; break;
      case '"': escaped += "&quot;"; break;
      default: escaped += c;
    }
  }
  return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>页面不存在</title></head>"
         "<body><h1>404 页面不存在</h1><p>找不到 <code>" + escaped + "</code>。</p><p><a href=\"/\">返回首页</a></p>"
         "</body></html>";
}

class FileHandler : public Poco::Net::HTTPRequestHandler {
 public:
  FileHandler(const fs::path& site, Rebuilder& rebuilder) : site_(site), rebuilder_(rebuilder) {}

  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
    const bool head = req.getMethod() == Poco::Net::HTTPRequest::HTTP_HEAD;
    if (!head && req.getMethod() != Poco::Net::HTTPRequest::HTTP_GET) {
      send_text(resp, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", "只支持 GET 和 HEAD\n", head);
      return;
    }
    const std::string uri = req.getURI();
    const std::string path = uri.substr(0, uri.find_first_of("?#"));
    if (path == kReloadScriptPath) {
      send_text(resp, HTTPResponse::HTTP_OK, "text/javascript; charset=utf-8", kReloadScript, head);
      return;
    }
    rebuilder_.ensure_fresh();
    if (path == kGenerationPath) {
      send_text(resp, HTTPResponse::HTTP_OK, "text/plain; charset=utf-8", std::to_string(rebuilder_.generation()), head);
      return;
    }
    auto file = resolve_request_path(site_, path);
    if (!file) {
      send_text(resp, HTTPResponse::HTTP_NOT_FOUND, "text/html; charset=utf-8", not_found_page(path), head);
      return;
    }
    struct stat st;
    if (::stat(file->c_str(), &st) != 0) {
      send_text(resp, HTTPResponse::HTTP_NOT_FOUND, "text/html; charset=utf-8", not_found_page(path), head);
      return;
    }
    std::ostringstream etag;
    etag << '"' << std::hex << st.st_size << '-' << st.st_mtim.tv_sec << '-' << st.st_mtim.tv_nsec << '"';
    Poco::Timestamp modified = Poco::Timestamp::fromEpochTime(st.st_mtim.tv_sec);
    set_safety_headers(resp);
    resp.set("ETag", etag.str());
    resp.set("Last-Modified", Poco::DateTimeFormatter::format(modified, Poco::DateTimeFormat::HTTP_FORMAT));
    resp.set("Cache-Control", "no-cache");
    if (not_modified(req, etag.str(), st.st_mtim.tv_sec)) {
      resp.setStatusAndReason(HTTPResponse::HTTP_NOT_MODIFIED);
      resp.setContentLength(0);
      resp.send();
      return;
    }
    std::ifstream in(*file, std::ios::binary);
    const std::string type = mime_type(*file);
    resp.setStatusAndReason(HTTPResponse::HTTP_OK);
    resp.setContentType(type);
    if (type.rfind("text/html", 0) == 0) {
      // A page gets the reload script: read whole (pages are small).
      std::ostringstream body;
      body << in.rdbuf();
      const std::string bytes = inject_reload_script(body.str());
      resp.setContentLength64(static_cast<Poco::UInt64>(bytes.size()));
      auto& out = resp.send();
      if (!head) out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      return;
    }
    // Anything else is streamed: a large evidence file is never held whole.
    resp.setContentLength64(static_cast<Poco::UInt64>(st.st_size));
    auto& out = resp.send();
    if (!head) Poco::StreamCopier::copyStream64(in, out);
  }

 private:
  static bool not_modified(const Poco::Net::HTTPServerRequest& req, const std::string& etag, time_t mtime) {
    if (req.has("If-None-Match")) return req.get("If-None-Match") == etag;
    if (!req.has("If-Modified-Since")) return false;
    Poco::DateTime since;
    int tz = 0;
    if (!Poco::DateTimeParser::tryParse(req.get("If-Modified-Since"), since, tz)) return false;
    return since.timestamp().epochTime() >= mtime;
  }

  fs::path site_;
  Rebuilder& rebuilder_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  HandlerFactory(fs::path site, Rebuilder& rebuilder) : site_(std::move(site)), rebuilder_(rebuilder) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new FileHandler(site_, rebuilder_);
  }

 private:
  fs::path site_;
  Rebuilder& rebuilder_;
};

int run_serve(const cli::Args& args) {
  const cli::Command cmd = serve_command();
  const std::string bind = args.get("bind", "127.0.0.1");
  int port = 0;
  try {
    port = std::stoi(args.get("port", "8000"));
  } catch (...) {
    port = -1;
  }
  if (port < 0 || port > 65535) return cli::usage_error(cmd, "端口无效“" + args.get("port", "") + "”，应为 0–65535");

  cli::BuildOptions options;
  options.content_dir = args.get("content", "content");
  options.site_dir = args.get("site", "site");
  options.archive_dir = args.get("archive", "archive");
  options.preview_correction = args.get("preview-correction", "");
  options.quiet = true;
  // The port first: a busy one is said at once, not after a whole build.
  std::optional<Poco::Net::ServerSocket> socket;
  try {
    // Not SO_REUSEPORT (Poco's default): another server on the port must
    // make this one fail, not share its connections.
    socket.emplace();
    socket->bind(Poco::Net::SocketAddress(bind, static_cast<Poco::UInt16>(port)), true, false);
    socket->listen();
  } catch (const Poco::Exception& e) {
    if (e.code() == EADDRINUSE)
      std::cerr << "creditgen serve: 端口 " << port << " 已被占用（可能已有一个预览服务器在运行），请先停止它，或用 --port "
                << "换一个端口 [io]\n";
    else
      std::cerr << "creditgen serve: 无法在 " << bind << ":" << port << " 上监听：" << e.displayText() << " [io]\n";
    return cli::kExitFatal;
  }
  const bool has_content = fs::is_directory(options.content_dir);
  if (has_content) cli::build_site(options);
  if (!fs::is_directory(options.site_dir)) {
    std::cerr << "creditgen serve: 网站目录 " << options.site_dir << " 不存在 [io]\n";
    return cli::kExitFatal;
  }
  if (bind != "127.0.0.1" && bind != "localhost" && bind != "::1")
    std::cerr << "warning: 预览服务器监听在 " << bind << "，局域网内其他计算机也能访问 [bind]\n";

  // Block the stop signals in every thread the server starts, then wait for
  // them here, so Ctrl-C stops the server cleanly.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  Rebuilder rebuilder(options, has_content);
  try {
    auto* params = new Poco::Net::HTTPServerParams;
    // Slow or many clients must not stop the preview: more workers, a
    // bounded queue, and a connection that sends nothing for 10 s is closed.
    params->setMaxThreads(16);
    params->setMaxQueued(256);
    params->setTimeout(Poco::Timespan(10, 0));
    params->setKeepAliveTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPServer server(new HandlerFactory(options.site_dir, rebuilder), *socket, params);
    server.start();
    std::string host = bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
    std::cout << "正在预览：http://" << host << ":" << socket->address().port() << "/  （按 Ctrl-C 停止）" << std::endl;
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  } catch (const Poco::Exception& e) {
    std::cerr << "creditgen serve: 无法启动服务器：" << e.displayText() << " [io]\n";
    return cli::kExitFatal;
  }
  std::cerr << "预览服务器已停止。\n";
  return cli::kExitOk;
}

}  // namespace

cli::Command serve_command() {
  return {"serve",
          "creditgen serve [--site DIR] [--content DIR] [--archive DIR] [--preview-correction YYYY-MM] "
          "[--bind 127.0.0.1] [--port 8000]",
          "在本机启动预览服务器，内容、模板或样式变化时自动重新生成，打开的页面自动刷新；从不封存或修订证据包",
          {{"site", "DIR", "网站目录，默认 site"},
           {"content", "DIR", "内容目录，默认 content"},
           {"archive", "DIR", "证据包目录，默认 archive（只读取已封存的证据包，只重写草稿）"},
           {"preview-correction", "YYYY-MM", "预览更正某个已发布月份（不写任何证据包）"},
           {"bind", "ADDR", "监听地址，默认 127.0.0.1（仅本机）"},
           {"port", "PORT", "端口，默认 8000；0 表示任选空闲端口"}},
          &run_serve};
}

}  // namespace creditgen::serve
