-- Drives Neovim's built-in LSP client (0.7+) against evidence-writer-server, as a Neovim user's
-- config would start it, and writes what the client saw to $EVIDENCE_RESULT as JSON.
-- Environment: EVIDENCE_SERVER (server.js), EVIDENCE_DOCUMENT (a Markdown file), EVIDENCE_RESULT.
local server = os.getenv('EVIDENCE_SERVER')
local document = os.getenv('EVIDENCE_DOCUMENT')
local result_file = os.getenv('EVIDENCE_RESULT')
local root = vim.fn.fnamemodify(document, ':h')
local result = { errors = {} }

local function finish()
  local out = io.open(result_file, 'w')
  out:write(vim.fn.json_encode(result))
  out:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'evidence-writer',
    cmd = { 'node', server, '--stdio' },
    cmd_env = { MALLOC_MMAP_THRESHOLD_ = '131072' }, -- as the README's configuration has it
    root_dir = root,
    settings = { evidenceWriter = { sensitivity = 'medium' } },
  })
  assert(client_id, 'the client did not start')
  vim.cmd('edit ' .. vim.fn.fnameescape(document))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  assert(vim.wait(20000, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized
  end, 50), 'the server did not initialize')

  -- Diagnostics arrive as the server lints the opened document.
  vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 100)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { line = d.lnum, code = d.code, source = d.source, message = d.message })
  end

  local function position_after(marker)
    local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    for i, line in ipairs(lines) do
      local s, e = line:find(marker, 1, true)
      if s then return { line = i - 1, character = e } end
    end
    error('marker not found: ' .. marker)
  end

  local function request(method, params)
    local responses = vim.lsp.buf_request_sync(bufnr, method, params, 20000)
    assert(responses, method .. ' timed out')
    for _, response in pairs(responses) do
      -- (Neovim 0.7 names the field `error`, later versions `err`.)
      local failure = response.error or response.err
      if failure then error(method .. ': ' .. vim.inspect(failure)) end
      return response.result
    end
  end

  local uri = vim.uri_from_bufnr(bufnr)
  local completion = request('textDocument/completion', { textDocument = { uri = uri }, position = position_after('[@hen') })
  result.completion = {}
  for _, item in ipairs(completion and (completion.items or completion) or {}) do
    table.insert(result.completion, { label = item.label, detail = item.labelDetails and item.labelDetails.detail or vim.NIL })
  end

  local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = position_after('paper [@henn') })
  result.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL

  -- Evidence Writer's own requests, called with an empty table as a user's mapping would: Neovim
  -- sends `{}` as `[]`.
  local summary = request('evidence/lintWorkspace', {})
  result.workspace = { files = summary.files, claims = summary.claims, uncited = summary.findings['uncited-claim'] or 0 }
  local state = request('evidence/libraryState', {})
  result.library = {}
  for _, file in ipairs(state.files) do table.insert(result.library, { file = file.file, entries = file.entries }) end
  local ok_status, status_err = pcall(request, 'evidence/status', {})
  result.statusWithoutUri = ok_status and 'answered' or tostring(status_err)
end)

if not ok then table.insert(result.errors, tostring(err)) end
finish()
