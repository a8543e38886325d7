#include "serve/serve.h"

#include <iostream>

#include "cli/cli.h"

namespace creditgen::serve {
namespace {

int run_serve(const cli::Args&) {
  std::cerr << "creditgen serve: 预览服务器尚未实现 [not-implemented]\n";
  return cli::kExitFatal;
}

}  // namespace

cli::Command serve_command() {
  return {"serve",
          "creditgen serve [--site DIR] [--content DIR] [--bind 127.0.0.1] [--port 8000]",
          "在本机启动预览服务器，内容变化时自动重新生成",
          {{"site", "DIR", "网站目录，默认 site"},
           {"content", "DIR", "内容目录，默认 content"},
           {"bind", "ADDR", "监听地址，默认 127.0.0.1"},
           {"port", "PORT", "端口，默认 8000"}},
          &run_serve};
}

}  // namespace creditgen::serve
