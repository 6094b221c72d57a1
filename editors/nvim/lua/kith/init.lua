-- kith for Neovim: starts the kith language server (`kith-lsp`) for every buffer of
-- filetype `kith`, on Neovim 0.7 (vim.lsp.start_client) and 0.8+ (vim.lsp.start).
--
--   require("kith").setup({
--     cmd = { "kith-lsp" },             -- the server command (a path works too)
--     today = nil,                      -- "YYYY-MM-DD" pins today (tests, demos)
--     inlay_hints = { interaction_dates = false },
--     rules_docs_url = nil,             -- where diagnostics link their rule docs
--     root_markers = { ".git" },        -- the nearest folder holding one is the root
--     on_attach = nil,                  -- function(client, bufnr), as in vim.lsp
--     capabilities = nil,               -- client capabilities, e.g. from nvim-cmp
--     cmd_env = nil,                    -- extra environment for the server
--   })

local M = {}

local defaults = {
  cmd = { "kith-lsp" },
  today = nil,
  inlay_hints = { interaction_dates = false },
  rules_docs_url = nil,
  root_markers = { ".git" },
  on_attach = nil,
  capabilities = nil,
  cmd_env = nil,
}

M.config = vim.deepcopy(defaults)

--- The install hint shown when the server cannot be started.
M.install_hint = table.concat({
  "Install kith-lsp with `cargo install --path .` in a kith checkout (it installs `kith` and `kith-lsp`",
  "into ~/.cargo/bin, which must be on PATH), or point the plugin at the binary:",
  "require('kith').setup({ cmd = { '/path/to/kith-lsp' } })",
}, " ")

-- Clients started on Neovim 0.7, by root folder (vim.lsp.start reuses clients itself).
local clients_by_root = {}
-- The missing-server error is shown once per command, not once per buffer.
local reported_missing = {}

local function notify_error(message)
  vim.notify(message, vim.log.levels.ERROR, { title = "kith" })
end

--- The folder of `path` or of its nearest ancestor holding one of `markers`.
local function root_dir(path, markers)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  for _, marker in ipairs(markers) do
    local found = vim.fn.finddir(marker, dir .. ";")
    if found == "" then
      found = vim.fn.findfile(marker, dir .. ";")
    end
    if found ~= "" then
      return vim.fn.fnamemodify(found, ":p:h:h")
    end
  end
  return dir
end

--- `initializationOptions` for the server, from the plugin's options.
function M.init_options(config)
  config = config or M.config
  local options = {
    inlayHints = { interactionDates = config.inlay_hints.interaction_dates == true },
  }
  if config.today ~= nil and config.today ~= "" then
    options.today = config.today
  end
  if config.rules_docs_url ~= nil then
    options.rulesDocsUrl = config.rules_docs_url
  end
  return options
end

--- Whether the server command can be run; reports it once when it cannot.
local function server_found(cmd)
  if vim.fn.executable(cmd[1]) == 1 then
    return true
  end
  if not reported_missing[cmd[1]] then
    reported_missing[cmd[1]] = true
    notify_error(string.format("kith: cannot start the language server: `%s` was not found or is not executable. %s", cmd[1], M.install_hint))
  end
  return false
end

--- Starts (or reuses) the kith language server for buffer `bufnr` and attaches it.
--- Returns the client id, or nil when the server could not be started.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local config = M.config
  if not server_found(config.cmd) then
    return nil
  end
  local path = vim.api.nvim_buf_get_name(bufnr)
  local root = root_dir(path ~= "" and path or vim.fn.getcwd() .. "/", config.root_markers)
  local client_config = {
    name = "kith",
    cmd = config.cmd,
    cmd_env = config.cmd_env,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = M.init_options(config),
    capabilities = config.capabilities,
    on_attach = config.on_attach,
  }
  local client_id
  if vim.lsp.start ~= nil then
    client_id = vim.lsp.start(client_config, { bufnr = bufnr })
  else
    client_id = clients_by_root[root]
    local client = client_id and vim.lsp.get_client_by_id(client_id)
    if client == nil or client.is_stopped() then
      client_id = vim.lsp.start_client(client_config)
      clients_by_root[root] = client_id
    end
    if client_id ~= nil then
      vim.lsp.buf_attach_client(bufnr, client_id)
    end
  end
  if client_id == nil then
    notify_error(string.format("kith: the language server `%s` failed to start. %s", config.cmd[1], M.install_hint))
  end
  return client_id
end

--- The kith clients running now.
function M.clients()
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ name = "kith" }) or vim.lsp.get_active_clients()
  local kith = {}
  for _, client in ipairs(clients) do
    if client.name == "kith" then
      table.insert(kith, client)
    end
  end
  return kith
end

--- Stops every kith client and starts the server again for the open kith buffers.
function M.restart()
  for _, client in ipairs(M.clients()) do
    vim.lsp.stop_client(client.id)
  end
  clients_by_root = {}
  reported_missing = {}
  local stopped = vim.wait(5000, function()
    return #M.clients() == 0
  end, 50)
  if not stopped then
    notify_error("kith: the language server did not stop within 5 seconds")
    return
  end
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == "kith" then
      M.attach(bufnr)
    end
  end
end

--- Configures the plugin and starts the server for kith buffers, open now or later.
function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts or {})
  if type(M.config.cmd) == "string" then
    M.config.cmd = { M.config.cmd }
  end
  reported_missing = {}
  local group = vim.api.nvim_create_augroup("kith", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "kith",
    callback = function(event)
      M.attach(event.buf)
    end,
  })
  vim.api.nvim_create_user_command("KithRestart", M.restart, { desc = "Restart the kith language server" })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == "kith" then
      M.attach(bufnr)
    end
  end
end

return M
