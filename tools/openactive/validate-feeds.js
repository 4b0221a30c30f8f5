#!/usr/bin/env node
// Walks Samskab's OpenActive feeds on a running server with OpenActive's own validators and
// prints one JSON report on stdout:
//   node validate-feeds.js <dataset page URL> <feed URL>...
// - @openactive/rpde-validator walks each feed (paging, ordering, `next`, last page, cache
//   headers, content type, required item properties);
// - @openactive/data-model-validator checks the data of every "updated" item of every page
//   (Modelling Opportunity Data 2.0, RPDE feed mode) and the Dataset JSON-LD of the dataset
//   page.
// The activity list the validator checks `activity` against is read from the copy the site
// publishes from (samskab/openactive/activity_list.json): the machine has no network, and the
// copy is the list the data was written against.
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { RpdeValidator } = require('@openactive/rpde-validator');
const { validate } = require('@openactive/data-model-validator');

const ACTIVITY_LIST_URL = 'https://openactive.io/activity-list';
const ACTIVITY_LIST_FILE = path.join(__dirname, '..', '..', 'samskab', 'openactive', 'activity_list.json');
const PAGE_LIMIT = Number(process.env.OPENACTIVE_VALIDATOR_PAGE_LIMIT || 50);

// The validator's remote JSON cache: a file named by the SHA-256 of the URL.
function primeActivityList() {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openactive-validator-'));
  const list = JSON.parse(fs.readFileSync(ACTIVITY_LIST_FILE, 'utf8'));
  const key = crypto.createHash('sha256').update(ACTIVITY_LIST_URL).digest('hex');
  const entry = {
    errorCode: 'error_none',
    data: { '@url': ACTIVITY_LIST_URL, concept: list.concept },
    statusCode: 200,
    url: ACTIVITY_LIST_URL,
    exception: null,
    contentType: 'application/ld+json',
    fetchTime: Date.now(),
  };
  fs.writeFileSync(path.join(cacheDir, `${key}.json`), JSON.stringify(entry));
  return cacheDir;
}

function summarise(problems, severity) {
  return problems.filter((problem) => problem.severity === severity);
}

async function validateData(data, cacheDir, where) {
  const results = await validate(data, {
    loadRemoteJson: true,
    remoteJsonCachePath: cacheDir,
    remoteJsonCacheTimeToLive: 24 * 3600,
    validationMode: 'RPDEFeed',
  });
  return results.map((result) => ({
    where,
    severity: result.severity,
    type: result.type,
    path: result.path,
    message: result.message,
  }));
}

async function fetchJson(url) {
  const response = await fetch(url);
  return response.json();
}

async function validateFeed(url, cacheDir) {
  const log = await RpdeValidator(url, { pageLimit: PAGE_LIMIT, timeoutMs: 30000 });
  const problems = [];
  const pageUrls = [];
  for (const page of log.pages) {
    pageUrls.push(page.url);
    for (const error of page.errors) {
      problems.push({
        where: page.url,
        severity: error.severity,
        type: error.type,
        message: error.message,
      });
    }
  }
  // The data of every item the walk met, page by page along `next`.
  let next = url;
  let items = 0;
  let deleted = 0;
  for (let index = 0; index < PAGE_LIMIT; index += 1) {
    const page = await fetchJson(next);
    for (const item of page.items) {
      items += 1;
      if (item.state === 'updated') {
        problems.push(...await validateData(item.data, cacheDir, `${next} item ${item.id}`));
      } else {
        deleted += 1;
      }
    }
    if (page.next === next && page.items.length === 0) break;
    next = page.next;
  }
  return { url, pages: pageUrls.length, items, deleted, problems };
}

async function validateDatasetPage(url, cacheDir) {
  const html = await (await fetch(url)).text();
  const match = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  if (!match) {
    return { url, problems: [{ where: url, severity: 'failure', message: 'No JSON-LD on the dataset page' }] };
  }
  const data = JSON.parse(match[1]);
  return { url, problems: await validateData(data, cacheDir, url) };
}

async function main() {
  const [datasetUrl, ...feedUrls] = process.argv.slice(2);
  if (!datasetUrl || feedUrls.length === 0) {
    console.error('usage: node validate-feeds.js <dataset page URL> <feed URL>...');
    process.exit(2);
  }
  const cacheDir = primeActivityList();
  const report = { feeds: [], dataset: null, errors: [] };
  try {
    report.dataset = await validateDatasetPage(datasetUrl, cacheDir);
    for (const url of feedUrls) {
      report.feeds.push(await validateFeed(url, cacheDir));
    }
  } catch (error) {
    report.errors.push(String(error && error.stack ? error.stack : error));
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
  const all = [...(report.dataset ? report.dataset.problems : []), ...report.feeds.flatMap((feed) => feed.problems)];
  report.counts = {
    failure: summarise(all, 'failure').length,
    warning: summarise(all, 'warning').length,
    suggestion: summarise(all, 'suggestion').length,
    notice: summarise(all, 'notice').length,
    errors: report.errors.length,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.exit(report.counts.failure === 0 && report.counts.errors === 0 ? 0 : 1);
}

main();
