// End-to-end: the real `creditgen serve` on an ephemeral port.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <atomic>
#include <memory>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <thread>

extern char** environ;
namespace fs = std::filesystem;

namespace {

struct Reply {
  std::map<std::string, std::string> headers;
  int status = 0;
  std::string type;
  std::string body;
  std::string etag;
  std::string last_modified;
};

Reply fetch(int port, const std::string& path, const std::string& method = "GET",
            std::vector<std::pair<std::string, std::string>> headers = {}, int timeout_seconds = 60) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(timeout_seconds, 0));
  Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (auto& [k, v] : headers) req.set(k, v);
  session.sendRequest(req);
  Poco::Net::HTTPResponse resp;
  auto& in = session.receiveResponse(resp);
  Reply r;
  r.status = resp.getStatus();
  r.type = resp.getContentType();
  if (resp.has("ETag")) r.etag = resp.get("ETag");
  if (resp.has("Last-Modified")) r.last_modified = resp.get("Last-Modified");
  for (const auto& [k, v] : resp) r.headers[k] = v;
  Poco::StreamCopier::copyToString(in, r.body);
  return r;
}

/// Starts `creditgen serve --port 0` and reads the chosen port from its first line.
struct Server {
  pid_t pid = -1;
  int port = 0;
  Server(const fs::path& site, const fs::path& content, const fs::path& archive = {}) {
    int fds[2];
    BOOST_REQUIRE(::pipe(fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::string s = site.string(), c = content.string(),
                a = archive.empty() ? (site.parent_path() / "archive").string() : archive.string();
    const char* argv[] = {CREDITGEN_BINARY, "serve",       "--site", s.c_str(), "--content", c.c_str(),
                          "--archive",      a.c_str(), "--port", "0",        nullptr};
    BOOST_REQUIRE(posix_spawn(&pid, CREDITGEN_BINARY, &actions, nullptr, const_cast<char**>(argv), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    std::string line;
    char ch;
    while (::read(fds[0], &ch, 1) == 1 && ch != '\n') line += ch;
    ::close(fds[0]);
    auto colon = line.rfind(':');
    BOOST_REQUIRE_MESSAGE(colon != std::string::npos, "serve printed: " + line);
    port = std::stoi(line.substr(colon + 1));
  }
  int stop() {
    ::kill(pid, SIGINT);
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  ~Server() {
    if (pid > 0) stop();
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(server_e2e)

BOOST_AUTO_TEST_CASE(serves_pages_assets_and_chinese_names_safely) {
  fs::path base = fs::temp_directory_path() / ("creditgen-serve-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base);
  fs::copy(fs::path(CREDITGEN_FIXTURES) / "cli" / "minimal", base / "content", fs::copy_options::recursive);
  std::ofstream(base / "outside.txt") << "secret";
  fs::create_directories(base / "site");

  // The server builds the site first, then serves it.
  Server server(base / "site", base / "content");
  fs::create_directory_symlink("/etc", base / "site" / "etc");
  auto index = fetch(server.port, "/");
  BOOST_TEST(index.status == 200);
  BOOST_TEST(index.type == "text/html; charset=utf-8");
  BOOST_TEST(index.body.find("测试区信用状况监测月报") != std::string::npos);
  BOOST_TEST(index.body.find("/__creditgen/reload.js") != std::string::npos);
  auto reload = fetch(server.port, "/__creditgen/reload.js");
  BOOST_TEST(reload.status == 200);
  BOOST_TEST(reload.type == "text/javascript; charset=utf-8");

  // Every response carries the safety headers, errors too.
  for (const char* path : {"/", "/assets/site.css", "/no-such-page.html"}) {
    auto r = fetch(server.port, path);
    BOOST_TEST(r.headers["X-Content-Type-Options"] == "nosniff", path);
    BOOST_TEST(r.headers["Content-Security-Policy"].find("default-src 'self'; script-src 'self'") == 0u, path);
    BOOST_TEST(r.headers["Referrer-Policy"] == "no-referrer", path);
  }
  auto css = fetch(server.port, "/assets/site.css");
  BOOST_TEST(css.status == 200);
  BOOST_TEST(css.type == "text/css; charset=utf-8");
  auto head = fetch(server.port, "/assets/site.css", "HEAD");
  BOOST_TEST(head.status == 200);
  BOOST_TEST(head.body.empty());

  // files/培训现场.png, percent-encoded as a browser sends it.
  auto photo = fetch(server.port, "/2022-05/evidence/lingang/files/%E5%9F%B9%E8%AE%AD%E7%8E%B0%E5%9C%BA.png");
  BOOST_TEST(photo.status == 200);
  BOOST_TEST(photo.type == "image/png");
  BOOST_TEST(photo.body.rfind("\x89PNG", 0) == 0u);

  BOOST_TEST(fetch(server.port, "/assets/site.css", "GET", {{"If-None-Match", css.etag}}).status == 304);
  BOOST_TEST(fetch(server.port, "/assets/site.css", "GET", {{"If-Modified-Since", css.last_modified}}).status == 304);

  for (auto attempt : {"/../outside.txt", "/%2e%2e/outside.txt", "/%2F../outside.txt", "/etc/passwd", "/etc/"}) {
    auto r = fetch(server.port, attempt);
    BOOST_TEST((r.status == 404 || r.status == 403), attempt);
    BOOST_TEST(r.body.find("secret") == std::string::npos);
    BOOST_TEST(r.body.find("root:") == std::string::npos);
  }
  auto missing = fetch(server.port, "/no-such-page.html");
  BOOST_TEST(missing.status == 404);
  BOOST_TEST(missing.body.find("页面不存在") != std::string::npos);

  // The initial build wrote the month's scores; a content change is rebuilt
  // before the next request is answered.
  auto before = fetch(server.port, "/2022-05/scores.json");
  BOOST_TEST(before.status == 200);
  BOOST_TEST(before.body.find("测试指标") != std::string::npos);
  auto generation = fetch(server.port, "/__creditgen/generation").body;
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  {
    std::string rules = base.string() + "/content/rules/2022-01.yaml";
    std::ifstream in(rules);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    text.replace(text.find("name: 测试指标"), std::string("name: 测试指标").size(), "name: 修改后的指标");
    std::ofstream(rules) << text;
  }
  auto after = fetch(server.port, "/2022-05/scores.json");
  BOOST_TEST(after.body.find("修改后的指标") != std::string::npos, after.body);
  BOOST_TEST(fetch(server.port, "/__creditgen/generation").body != generation);

  BOOST_TEST(server.stop() == 0);
  fs::remove_all(base);
}

// Saving files of a published month while the preview server runs rebuilds
// the site but never seals or revises a bundle (only publish does).
BOOST_AUTO_TEST_CASE(edits_during_serve_write_no_bundle) {
  const fs::path source = CREDITGEN_SOURCE_DIR;
  fs::path base = fs::temp_directory_path() / ("creditgen-serve-publish-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "site");
  fs::copy(source / "content", base / "content", fs::copy_options::recursive);
  fs::create_directories(base / "archive");
  for (const auto& e : fs::directory_iterator(source / "archive"))
    if (!e.path().filename().string().ends_with(".draft.zip")) fs::copy_file(e.path(), base / "archive" / e.path().filename());
  Server server(base / "site", base / "content", base / "archive");
  BOOST_TEST(fetch(server.port, "/2022-05/index.html").status == 200);
  auto listing = [&] {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(base / "archive")) {
      std::ifstream in(e.path(), std::ios::binary);
      out[e.path().filename().string()] = std::string((std::istreambuf_iterator<char>(in)), {});
    }
    out.erase("2022-06.draft.zip");
    return out;
  };
  const auto before = listing();
  BOOST_TEST(before.size() == 2u);
  const fs::path news = base / "content/2022-05/lingang/news/2022-05-13-zhaoshang-tuijie.md";
  for (int edit = 1; edit <= 3; ++edit) {
    const std::string generation = fetch(server.port, "/__creditgen/generation").body;
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    std::ofstream(news, std::ios::app) << "\n第 " << edit << " 次修改。\n";
    fetch(server.port, "/2022-05/index.html");  // answered after the rebuild
    BOOST_TEST(fetch(server.port, "/__creditgen/generation").body != generation, "edit " << edit);
    BOOST_TEST((listing() == before), "edit " << edit);
  }
  BOOST_TEST(server.stop() == 0);
  fs::remove_all(base);
}

// Slow clients (headers that never end) and many at once do not stop the
// preview: a normal request is still answered, and 200 concurrent ones all are.
// A busy port is said at once, in Chinese, before any build runs.
BOOST_AUTO_TEST_CASE(a_busy_port_is_refused_before_building) {
  Poco::Net::ServerSocket taken(Poco::Net::SocketAddress("127.0.0.1", 0));
  const int port = taken.address().port();
  const fs::path base = fs::temp_directory_path() / ("creditgen-serve-busy-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base);
  fs::copy(fs::path(CREDITGEN_SOURCE_DIR) / "content", base / "content", fs::copy_options::recursive);
  const std::string cmd = "cd '" + base.string() + "' && '" + CREDITGEN_BINARY + "' serve --port " +
                          std::to_string(port) + " >out.txt 2>&1 </dev/null";
  const int raw = std::system(cmd.c_str());
  BOOST_TEST(WIFEXITED(raw));
  BOOST_TEST(WEXITSTATUS(raw) == 3);
  std::ifstream in(base / "out.txt");
  const std::string out{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  BOOST_TEST(out == "creditgen serve: 端口 " + std::to_string(port) +
                        " 已被占用（可能已有一个预览服务器在运行），请先停止它，或用 --port 换一个端口 [io]\n");
  BOOST_TEST(!fs::exists(base / "site"));  // no build ran
  fs::remove_all(base);
}

BOOST_AUTO_TEST_CASE(slow_and_many_clients_do_not_stop_it) {
  fs::path base = fs::temp_directory_path() / ("creditgen-serve-load-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "site");
  fs::copy(fs::path(CREDITGEN_FIXTURES) / "cli" / "minimal", base / "content", fs::copy_options::recursive);
  Server server(base / "site", base / "content");
  std::vector<std::unique_ptr<Poco::Net::StreamSocket>> slow;
  for (int i = 0; i < 8; ++i) {
    auto s = std::make_unique<Poco::Net::StreamSocket>(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(server.port)));
    s->sendBytes("GET / HTTP/1.1\r\nHost: x\r\n", 26);  // and nothing more
    slow.push_back(std::move(s));
  }
  // Answered while the slow clients hold their connections (with as few
  // workers as slow clients, it would wait for their timeout and fail here).
  BOOST_TEST(fetch(server.port, "/index.html", "GET", {}, 5).status == 200);
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 200; ++i)
    clients.emplace_back([&] {
      try {
        if (fetch(server.port, "/assets/site.css").status == 200) ++ok;
      } catch (...) {
      }
    });
  for (auto& t : clients) t.join();
  BOOST_TEST(ok.load() == 200);
  slow.clear();
  BOOST_TEST(server.stop() == 0);
  fs::remove_all(base);
}

BOOST_AUTO_TEST_SUITE_END()
