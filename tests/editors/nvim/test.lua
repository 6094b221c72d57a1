-- The Neovim plugin's end-to-end test: run by tests/editors/nvim/run.sh inside
-- `nvim --headless -u NONE`. It loads editors/nvim from the runtimepath, opens the fixture,
-- and checks through Neovim's own LSP client that kith-lsp's diagnostics, completion and
-- hover arrive, plus the plugin's filetype, indentation, missing-server message and restart,
-- and a go-to-definition into an included file of a network.
--
-- Environment: KITH_REPO (the repository root), KITH_LSP (the kith-lsp binary).
-- Exits 0 when every check passes, 1 with a message naming the failed check otherwise.

local TIMEOUT_MS = 15000
local TODAY = "2026-11-25"

local repo = os.getenv("KITH_REPO")
local kith_lsp = os.getenv("KITH_LSP")
local fixture = repo and (repo .. "/tests/editors/fixtures/network.kith")

local passed = 0

local function say(message)
  io.stderr:write(message .. "\n")
end

local function check(condition, message)
  if not condition then
    error("FAILED: " .. message, 2)
  end
end

local function test(name, body)
  body()
  passed = passed + 1
  say("ok - " .. name)
end

local function wait_for(what, condition)
  check(vim.wait(TIMEOUT_MS, condition, 20), "timed out after " .. TIMEOUT_MS .. " ms waiting for " .. what)
end

-- Messages the plugin shows through vim.notify.
local notifications = {}
vim.notify = function(message, level)
  table.insert(notifications, { message = message, level = level })
end

local function contains(list, wanted)
  for _, value in ipairs(list) do
    if value == wanted then
      return true
    end
  end
  return false
end

local function kith_client(bufnr)
  for _, client in ipairs(require("kith").clients()) do
    if vim.lsp.buf_is_attached(bufnr, client.id) then
      return client
    end
  end
  return nil
end

--- The 0-based line and column of the `nth` occurrence of `needle` in the buffer.
local function find(bufnr, needle, nth)
  nth = nth or 1
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local from = 1
    while true do
      local start = line:find(needle, from, true)
      if start == nil then
        break
      end
      nth = nth - 1
      if nth == 0 then
        return index - 1, start - 1
      end
      from = start + 1
    end
  end
  error("FAILED: the fixture has no " .. vim.inspect(needle))
end

--- Sends `method` at the cursor placed `delta` bytes into `needle`; returns the result.
local function request_at(bufnr, method, needle, delta)
  local line, column = find(bufnr, needle)
  vim.api.nvim_win_set_cursor(0, { line + 1, column + delta })
  local client = kith_client(bufnr)
  check(client ~= nil, "a kith client is attached for " .. method)
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT_MS)
  check(err == nil and responses ~= nil, method .. " answered: " .. tostring(err))
  local response = responses[client.id]
  check(response ~= nil, method .. " answered by the kith client")
  check(response.err == nil, method .. " succeeded: " .. vim.inspect(response.err))
  return response.result
end

local function diagnostic_codes(bufnr)
  local codes = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    codes[diagnostic.code] = diagnostic
  end
  return codes
end

local function run()
  check(repo ~= nil and kith_lsp ~= nil, "KITH_REPO and KITH_LSP are set (run tests/editors/nvim/run.sh)")
  check(vim.fn.executable(kith_lsp) == 1, "KITH_LSP is executable: " .. kith_lsp)
  vim.opt.runtimepath:prepend(repo .. "/editors/nvim")
  vim.cmd("filetype plugin indent on")
  local kith = require("kith")

  test("a missing server is reported once, with install instructions", function()
    kith.setup({ cmd = { repo .. "/no-such-dir/kith-lsp" } })
    vim.cmd("edit " .. vim.fn.fnameescape(fixture))
    vim.cmd("new " .. vim.fn.fnameescape(repo .. "/tests/editors/fixtures/other.kith"))
    check(#notifications == 1, "one notification, got " .. vim.inspect(notifications))
    local message = notifications[1].message
    check(notifications[1].level == vim.log.levels.ERROR, "the notification is an error")
    check(message:find("no-such-dir/kith-lsp", 1, true) ~= nil, "the message names the command: " .. message)
    check(message:find("cargo install --path .", 1, true) ~= nil, "the message says how to install: " .. message)
    check(#kith.clients() == 0, "no client was started")
    vim.cmd("silent! %bwipeout!")
    notifications = {}
  end)

  kith.setup({ cmd = { kith_lsp }, today = TODAY })
  vim.cmd("edit " .. vim.fn.fnameescape(fixture))
  local bufnr = vim.api.nvim_get_current_buf()

  test("*.kith files get filetype kith with its buffer settings", function()
    check(vim.bo.filetype == "kith", "filetype is kith, got " .. vim.inspect(vim.bo.filetype))
    check(vim.bo.commentstring == "# %s", "commentstring is '# %s', got " .. vim.bo.commentstring)
    check(vim.bo.shiftwidth == 2 and vim.bo.expandtab, "two-space indentation with spaces")
  end)

  test("the server starts and attaches to the buffer", function()
    wait_for("the kith client to attach", function()
      return kith_client(bufnr) ~= nil and kith_client(bufnr).initialized
    end)
    check(#notifications == 0, "no error was shown: " .. vim.inspect(notifications))
  end)

  test("diagnostics arrive with their codes, on today " .. TODAY, function()
    wait_for("diagnostics for the fixture", function()
      return #vim.diagnostic.get(bufnr) > 0
    end)
    local codes = diagnostic_codes(bufnr)
    local stale, unknown_role = codes["stale"], codes["unknown-role"]
    check(stale ~= nil, "a stale diagnostic, got " .. vim.inspect(vim.tbl_keys(codes)))
    check(unknown_role ~= nil, "an unknown-role diagnostic, got " .. vim.inspect(vim.tbl_keys(codes)))
    check(stale.source == "kith", "diagnostics have source kith")
    check(stale.message:find("Ada Lovelace", 1, true) ~= nil, "stale names Ada: " .. stale.message)
    check(stale.severity == vim.diagnostic.severity.WARN, "stale is a warning")
    local ada_line, ada_column = find(bufnr, "ada \"Ada")
    check(stale.lnum == ada_line and stale.col == ada_column, "stale sits on ada's header id")
    local role_line, role_column = find(bufnr, "sponsr")
    check(unknown_role.lnum == role_line and unknown_role.col == role_column, "unknown-role sits on `sponsr`")
    check(unknown_role.severity == vim.diagnostic.severity.ERROR, "unknown-role is an error")
    local stale_count = #vim.tbl_filter(function(diagnostic)
      return diagnostic.code == "stale"
    end, vim.diagnostic.get(bufnr))
    check(stale_count == 1, "only Ada is stale on " .. TODAY .. " (Grace's helped is recent), got " .. stale_count)
  end)

  test("completion at a role position offers kith's roles", function()
    local result = request_at(bufnr, "textDocument/completion", "sponsr", #"sponsr")
    check(result ~= nil, "a completion result")
    local items = result.items or result
    local labels = vim.tbl_map(function(item)
      return item.label
    end, items)
    for _, role in ipairs({ "sponsor", "champion", "mentor", "butt-kicker" }) do
      check(contains(labels, role), "completion offers role " .. role .. ", got " .. vim.inspect(labels))
    end
    check(not contains(labels, "coffee"), "completion offers no interaction kinds at a role position")
  end)

  test("hover on a person shows the person's card", function()
    local result = request_at(bufnr, "textDocument/hover", "@ada", 2)
    check(result ~= nil and result.contents ~= nil, "a hover result")
    local value = result.contents.value or ""
    for _, part in ipairs({ "Ada Lovelace", "mentor", "Analytical Engines Ltd", "2026-03-14" }) do
      check(value:find(part, 1, true) ~= nil, "the card mentions " .. part .. ":\n" .. value)
    end
  end)

  test("a new line after a person header is indented two spaces", function()
    local line = find(bufnr, "person charles")
    vim.api.nvim_win_set_cursor(0, { line + 1, 0 })
    vim.cmd("normal! ox")
    check(vim.fn.getline(line + 2) == "  x", "the new line is '  x', got " .. vim.inspect(vim.fn.getline(line + 2)))
    vim.cmd("silent normal! u")
  end)

  test("edits reach the server: fixing the role clears unknown-role", function()
    local line, column = find(bufnr, "sponsr")
    vim.api.nvim_buf_set_text(bufnr, line, column, line, column + #"sponsr", { "sponsor" })
    wait_for("unknown-role to disappear after the fix", function()
      return diagnostic_codes(bufnr)["unknown-role"] == nil and diagnostic_codes(bufnr)["stale"] ~= nil
    end)
    vim.cmd("silent! edit!")
  end)

  test(":KithRestart starts a fresh server for open kith buffers", function()
    local old = kith_client(bufnr)
    check(old ~= nil, "a client before the restart")
    local old_id = old.id
    vim.cmd("KithRestart")
    wait_for("a new kith client attached", function()
      local client = kith_client(bufnr)
      return client ~= nil and client.id ~= old_id and client.initialized
    end)
    wait_for("diagnostics from the new server", function()
      return diagnostic_codes(bufnr)["unknown-role"] ~= nil
    end)
  end)

  test("go to definition reaches into an included file", function()
    vim.cmd("edit " .. vim.fn.fnameescape(repo .. "/tests/editors/fixtures/across/network.kith"))
    local root = vim.api.nvim_get_current_buf()
    wait_for("the kith client to attach to the network's root", function()
      return kith_client(root) ~= nil and kith_client(root).initialized
    end)
    local result = request_at(root, "textDocument/definition", "@bob", 1)
    local location = result and (result.uri and result or result[1])
    check(location ~= nil, "a definition for @bob")
    check(vim.endswith(location.uri, "/tests/editors/fixtures/across/contacts.kith"), "in contacts.kith: " .. location.uri)
    check(location.range.start.line == 0 and location.range.start.character == 7, "on bob's header id")
    check(diagnostic_codes(root)["unknown-reference"] == nil, "@bob resolves in the included file")
  end)
end

local ok, failure = xpcall(run, debug.traceback)
local loaded, kith = pcall(require, "kith")
if loaded then
  for _, client in ipairs(kith.clients()) do
    vim.lsp.stop_client(client.id)
  end
end
if ok then
  local version = vim.version()
  say(string.format("nvim %d.%d.%d: %d passed, 0 failed", version.major, version.minor, version.patch, passed))
  vim.cmd("qall!")
else
  say(tostring(failure))
  say(string.format("nvim: %d passed, 1 failed", passed))
  vim.cmd("cquit 1")
end
