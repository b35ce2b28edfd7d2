import fs from 'node:fs';
import path from 'node:path';
import { expect as baseExpect, test } from '@playwright/test';
import { LIGHT_SYMBOLS, shippedConfig, writeTestConfig } from '../support/engineProcess';
import { startFakeChatCompletions, timeFarFromNow } from '../support/fakeChatCompletions';
import { tempDir } from '../support/testRedis';
import { launchEngine } from './support/launchEngine';

const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 120_000 });

/** An answer a compromised or careless provider might send: markup that would run if it reached the page as HTML. */
const HOSTILE_NOTE = [
  '# Morning note for SPY',
  '',
  'SPY opens **above** its flip.',
  '',
  '- call wall holds',
  '- put wall below',
  '',
  '<script>window.__injected = "script"</script>',
  '',
  'Levels: <img src="x" onerror="window.__injected = \'img onerror\'"> [a link](javascript:window.__injected=\'link\')',
  '',
  '<iframe src="javascript:window.top.__injected=\'iframe\'"></iframe>',
].join('\n');

test('Run now: the analysis is requested, stored and shown rendered, with hostile markup neutralised; a failing provider gives the labelled rule-based summary', async ({ page }) => {
  const fake = await startFakeChatCompletions([{ content: HOSTILE_NOTE }]);
  const dataDir = tempDir('alphatrader-e2e-morning-');
  const configPath = await writeTestConfig({ symbols: LIGHT_SYMBOLS, morningAnalysis: { ...shippedConfig().morningAnalysis, baseUrl: fake.baseUrl, time: timeFarFromNow(), model: 'gpt-e2e', timeoutSeconds: 5, maxRetries: 0 } });
  const engine = await launchEngine({ dataDir, configPath, port: 0, env: { OPENAI_API_KEY: 'sk-e2e-key' } });
  try {
    await page.goto(engine.url);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    await page.keyboard.press('Alt+Shift+M');
    const panel = page.locator('.dv-groupview.dv-active-group').getByTestId('morning-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('morning-none')).toBeVisible();
    await expect(panel.getByTestId('morning-llm')).toHaveAttribute('data-configured', 'true');

    await panel.getByTestId('morning-run-now').click();
    const markdown = panel.getByTestId('morning-markdown');
    await expect(panel.getByTestId('morning-provenance')).toHaveAttribute('data-source', 'llm');
    await expect(panel.getByTestId('morning-model')).toHaveText('LLM: gpt-e2e');
    await expect(markdown.locator('h1')).toHaveText('Morning note for SPY');
    await expect(markdown.locator('strong')).toHaveText('above');
    await expect(markdown.locator('li')).toHaveText(['call wall holds', 'put wall below']);
    await expect(markdown.locator('a')).toHaveText('a link');
    expect(await markdown.locator('a').getAttribute('href')).toBeNull();
    await expect(markdown.locator('script, iframe, [onerror]')).toHaveCount(0);
    await page.waitForTimeout(500); // an onerror would have fired by now: the image has nothing to load
    expect(await page.evaluate(() => (globalThis as unknown as { __injected?: string }).__injected)).toBeUndefined();
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body.messages!.at(-1)!.content).toContain('## SPY');
    await page.screenshot({ path: 'test-results/panels/morning-analysis.png' });

    fake.script([{ status: 500, error: { message: 'The server had an error while processing your request' } }]);
    await panel.getByTestId('morning-run-now').click();
    await expect(panel.getByTestId('morning-provenance')).toHaveAttribute('data-source', 'rules');
    await expect(panel.getByTestId('morning-rules-label')).toHaveText('Rule-based summary (no LLM)');
    await expect(panel.getByTestId('morning-error')).toContainText('HTTP 500: The server had an error while processing your request');
    await expect(markdown.locator('h2').first()).toHaveText('SPY');
    await panel.locator('.morning-inputs summary').click();
    await expect(panel.getByTestId('morning-input-SPY')).toBeVisible();
    await expect(panel.getByTestId('morning-input-AAPL')).toBeVisible();
    const files = fs.readdirSync(path.join(dataDir, 'morning-analysis'));
    expect(files).toHaveLength(2);
  } finally {
    await engine.stop('SIGTERM');
    await fake.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(configPath), { recursive: true, force: true });
  }
});
