// The article's worked example, asserted number by number through `analyze` and `query --by channel_pair`.
import assert from 'node:assert/strict';
import { workedExampleCsv } from './fixtures/worked-example.js';
import { engineTest, withEngineBaton } from './support/engines.js';

engineTest('worked example: headline numbers', async (engine) => {
  await withEngineBaton(engine, workedExampleCsv(), async (baton) => {
    const a = await baton.analyze();
    const m = a.metrics;
    assert.equal(a.data.conversations, 1000);
    assert.equal(m.conversations?.value, 1000);
    assert.equal(m.handoffs?.value, 360);
    assert.deepEqual([m.handoff_rate?.numerator, m.handoff_rate?.denominator], [300, 1000]);
    assert.equal(m.handoff_rate?.value, 0.3);
    assert.equal(m.handoffs_per_conversation?.value, 0.36);
    assert.deepEqual([m.handoff_success_rate?.numerator, m.handoff_success_rate?.denominator], [285, 360]);
    assert.deepEqual(
      [m.transfer_completion_rate?.numerator, m.transfer_completion_rate?.denominator],
      [345, 360],
    );
    assert.deepEqual(
      [m.abandonment_after_handoff_rate?.numerator, m.abandonment_after_handoff_rate?.denominator],
      [15, 360],
    );
    assert.equal(m.resolution_rate?.numerator, 985);
    assert.equal(m.first_contact_resolution_rate?.numerator, 700);
    assert.equal(m.ping_pong_rate?.numerator, 0);
    const growth = m.resolution_time_increase_per_handoff!;
    assert.ok(Math.abs(growth.value! - 0.4) < 1e-9, `growth ${growth.value}`);
    assert.equal(growth.denominator, 985);
    assert.equal(m.resolution_time_median_s?.value, 1000);
    // Handoff times: 300 s (chat→email, 300 handoffs) and 300 s (email→phone, 45 completed).
    assert.equal(m.handoff_time_median_s?.value, 300);
    const interval = m.handoff_success_rate!.ci95!;
    assert.ok(interval[0] < 285 / 360 && 285 / 360 < interval[1]);
  });
});

engineTest('worked example: channel pairs and funnel', async (engine) => {
  await withEngineBaton(engine, workedExampleCsv(), async (baton) => {
    const q = await baton.query({ metrics: ['handoff_success_rate', 'handoffs'], by: ['channel_pair'] });
    const byPair = Object.fromEntries(q.rows.map((r) => [r.dimensions.channel_pair, r.values]));
    assert.deepEqual(Object.keys(byPair).sort(), ['chat→email', 'email→phone']);
    assert.equal(byPair['chat→email']?.handoffs?.value, 300);
    assert.equal(byPair['chat→email']?.handoff_success_rate?.value, 0.8);
    assert.equal(byPair['email→phone']?.handoffs?.value, 60);
    assert.equal(byPair['email→phone']?.handoff_success_rate?.value, 0.75);

    const a = await baton.analyze();
    const funnel = Object.fromEntries(a.funnel.map((f) => [f.channel, f]));
    assert.deepEqual(funnel.chat, {
      channel: 'chat',
      reached: 1000,
      handed_on: 300,
      resolved: 700,
      abandoned: 0,
    });
    assert.deepEqual(funnel.email, {
      channel: 'email',
      reached: 300,
      handed_on: 60,
      resolved: 240,
      abandoned: 0,
    });
    assert.deepEqual(funnel.phone, {
      channel: 'phone',
      reached: 60,
      handed_on: 0,
      resolved: 45,
      abandoned: 15,
    });
    assert.deepEqual(a.paths.channel[0], {
      sequence: ['chat'],
      conversations: 700,
      resolved: 700,
      abandoned: 0,
    });
    assert.deepEqual(a.paths.channel[1], {
      sequence: ['chat', 'email'],
      conversations: 240,
      resolved: 240,
      abandoned: 0,
    });
    assert.deepEqual(a.paths.channel[2], {
      sequence: ['chat', 'email', 'phone'],
      conversations: 60,
      resolved: 45,
      abandoned: 15,
    });
  });
});
