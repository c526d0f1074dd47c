// What people say in the simulated conversations: issue scripts per category and the phrases around handoffs.
import type { Random } from './random.js';
import type { CategoryName } from './scenario.js';

/** One kind of problem, told from both sides; `{slot}` placeholders are filled per conversation. */
export interface IssueScript {
  readonly category: CategoryName;
  /** The customer's first message. */
  readonly opening: string;
  /** The problem restated as a lower-case clause, for "As I already explained, ...". */
  readonly recap: string;
  /** More facts the customer gives once someone is listening. */
  readonly detail: string;
  /** A short noun phrase for internal notes. */
  readonly topic: string;
  readonly botAnswer: string;
  readonly question: string;
  readonly answer: string;
  readonly fix: string;
  readonly reopen: string;
}

export const ISSUES: readonly IssueScript[] = Object.freeze([
  {
    category: 'billing',
    opening: 'Hi, I was charged twice for our {plan} plan this month, {amount} each time.',
    recap: 'we were charged twice for the {plan} plan, {amount} each time, invoice {invoice}',
    detail: 'Both charges are on the card ending {card}. The invoice number is {invoice}.',
    topic: 'duplicate {plan} charge on {invoice}',
    botAnswer:
      'A second charge is usually a pending authorisation that drops off within 3 business days. Settled payments are listed under Settings > Billing > Payment history.',
    question: 'Can you confirm the last four digits of the card that was charged?',
    answer: 'It is the card ending {card}.',
    fix: 'I found the duplicate payment and refunded {amount} to the card ending {card}. It can take 5-10 business days to show up.',
    reopen: 'Hi again, the refund for {invoice} still has not arrived and it has been two weeks.',
  },
  {
    category: 'billing',
    opening: 'I need invoice {invoice} reissued with our VAT number, the one on it is wrong.',
    recap: 'invoice {invoice} has the wrong VAT number and needs to be reissued',
    detail: 'The company is {company}, VAT number {vat}. Finance will not pay without a corrected invoice.',
    topic: 'VAT correction on {invoice}',
    botAnswer:
      'You can update your company details under Settings > Billing > Company info; new invoices will use them.',
    question: 'What is the correct VAT number, and is the billing address unchanged?',
    answer: 'VAT {vat}, and yes, same address as before.',
    fix: 'Done: {invoice} has been reissued with VAT number {vat}. The new PDF is under Billing > Invoices and I have also sent it to {email}.',
    reopen: 'The new invoice still shows the old VAT number, can you check again?',
  },
  {
    category: 'billing',
    opening: 'Why did our bill go up to {amount}? Nobody told us about a price change.',
    recap: 'our bill jumped to {amount} without any notice',
    detail: 'We are on {plan} with {seats} seats, same as last month.',
    topic: 'unexpected {amount} bill on {plan}',
    botAnswer:
      'A bill changes when seats are added mid-cycle or usage goes over the plan limits. Each invoice has a line-by-line breakdown.',
    question: 'Could you send me the invoice number so I can look at the line items?',
    answer: 'Sure, it is {invoice}.',
    fix: 'The increase came from seats added mid-cycle. I have credited the prorated amount as a one-off, and unused seats can be removed under Settings > Team.',
    reopen: 'The credit note is not showing on our account, can you check?',
  },
  {
    category: 'billing',
    opening:
      'My card payment failed and now the account says "past due". I cannot even open the billing page.',
    recap: 'the payment failed, the account says "past due" and the billing page will not open',
    detail: 'The card ending {card} is valid, we used it yesterday for something else.',
    topic: 'failed payment, account "past due"',
    botAnswer: 'You can retry a failed payment or add a new card under Settings > Billing > Payment methods.',
    question: 'Which card did you try, and did you get an error message?',
    answer: 'The card ending {card}, it just said "payment declined".',
    fix: 'The bank declined it as a suspected foreign transaction. I have lifted the past-due lock for 7 days; a retry now should go through.',
    reopen: 'The retry failed again and we are locked out again.',
  },
  {
    category: 'technical',
    opening: 'Our {integration} sync has been failing since yesterday with error {error}.',
    recap: 'the {integration} sync keeps failing with {error}',
    detail: 'It started after we changed the {integration} password. Nothing syncs, not even new records.',
    topic: '{integration} sync failing with {error}',
    botAnswer:
      'Sync errors often clear after reconnecting the integration: Settings > Integrations > {integration} > Reconnect.',
    question: 'Which workspace is this, and when did the last successful sync happen?',
    answer: 'Workspace {company}, last good sync was yesterday afternoon.',
    fix: 'The {integration} token had expired after the password change. I cleared the stale token; reconnect once and the backlog will sync within the hour.',
    reopen: 'The {integration} sync broke again overnight, same {error}.',
  },
  {
    category: 'technical',
    opening: 'SSO login loops back to the sign-in page for everyone on our team, we are locked out.',
    recap: 'SSO login loops back to the sign-in page for the whole team',
    detail: 'We use Okta. It worked on Friday; nothing changed on our side as far as I know.',
    topic: 'SSO redirect loop for the whole workspace',
    botAnswer:
      'Try signing in from a private window, and check that your identity provider certificate has not expired.',
    question: 'Which browser are you on, and do you see an error code in the address bar?',
    answer: '{browser}. The URL ends with error=invalid_saml_response.',
    fix: 'Your identity provider rotated its signing certificate. I uploaded the new one to your SSO settings, sign-in works again.',
    reopen: 'The SSO loop is back for some of our users.',
  },
  {
    category: 'technical',
    opening: 'Dashboards take over a minute to load since this morning, it used to be instant.',
    recap: 'dashboards take more than a minute to load',
    detail: 'It is every dashboard, on {browser}, for several colleagues.',
    topic: 'slow dashboards',
    botAnswer:
      'Large date ranges slow dashboards down; try narrowing the range or clearing the browser cache.',
    question: 'Could you send me the name of one slow dashboard and your timezone setting?',
    answer: 'The "Weekly pipeline" dashboard, timezone is UTC.',
    fix: 'One of your saved filters was scanning all history. I rebuilt the index for your workspace; dashboards now load in a couple of seconds.',
    reopen: 'Dashboards are slow again, same as last week.',
  },
  {
    category: 'account',
    opening: 'Our admin left the company. How do I transfer ownership of the workspace to me?',
    recap: 'our admin left and I need the workspace ownership transferred to me',
    detail: 'I am {name}, {email}, and I manage the {company} account now.',
    topic: 'workspace ownership transfer for {company}',
    botAnswer: 'The current owner can transfer ownership under Settings > Workspace > Owner.',
    question: 'Could you tell me your account email?',
    answer: 'It is {email}.',
    fix: 'I verified the request with your billing contact and made {email} the workspace owner. You should see the Owner badge now.',
    reopen: 'I still cannot see the billing settings as the new owner.',
  },
  {
    category: 'account',
    opening: 'I need to add {seats} seats but the button is greyed out.',
    recap: 'I cannot add {seats} seats because the button is greyed out',
    detail: 'I am an admin on the {company} workspace, on the {plan} plan.',
    topic: 'greyed-out button for adding {seats} seats',
    botAnswer:
      'Only workspace owners and billing admins can add seats. You can check your role under Settings > Team.',
    question: 'Could you tell me your account email?',
    answer: 'It is {email}.',
    fix: 'Your role was Admin without billing rights. I added the billing permission; you can add the {seats} seats now.',
    reopen: 'The seats button is greyed out again after the renewal.',
  },
  {
    category: 'account',
    opening: 'I need to change the login email on my account, I no longer have access to the old address.',
    recap: 'I need my login email changed because I lost access to the old address',
    detail: 'The new address is {email}. The old one was on our previous domain.',
    topic: 'login email change to {email}',
    botAnswer:
      'You can change your email under Profile > Account, a confirmation is sent to the old address.',
    question: 'Can you confirm the company name and the new email address?',
    answer: '{company}, and the new address is {email}.',
    fix: 'I verified your identity and changed the login email to {email}. Please sign in with it and set a new password.',
    reopen: 'I still get the confirmation sent to my old address.',
  },
  {
    category: 'onboarding',
    opening:
      'How do I import our contacts from a CSV? The upload keeps rejecting the file, it says "invalid header".',
    recap: 'the CSV import rejects our file with "invalid header"',
    detail: 'The file has about 4,000 rows, columns are name, email, company, phone.',
    topic: 'CSV import rejected with "invalid header"',
    botAnswer:
      'The importer needs a header row with at least an email column. A template is under Contacts > Import.',
    question: 'Could you send me the first line of the file?',
    answer: 'It is: Name;Email;Company;Phone',
    fix: 'Your file uses semicolons. Choose "Semicolon" as the separator in the import dialog and it will go through.',
    reopen: 'The import worked but the phone numbers all came in empty.',
  },
  {
    category: 'onboarding',
    opening: 'We just signed up, how do I invite my team and give them the right roles?',
    recap: 'I need to invite my team with the right roles',
    detail: 'There are {seats} of us; two should be admins, the rest regular members.',
    topic: 'invitations and roles for {seats} teammates',
    botAnswer:
      'Invite teammates from Settings > Team > Invite. You can pick Admin or Member for each person before sending.',
    question: 'Are your teammates on the same email domain as you?',
    answer: 'Yes, all @{domain}.',
    fix: 'I turned on domain sign-up for @{domain}, so everyone can join directly, and set the two admins you mentioned.',
    reopen: 'Two of the invites never arrived.',
  },
  {
    category: 'onboarding',
    opening: 'We are setting up the {integration} integration, where do I find the API key?',
    recap: 'I cannot find the API key to set up {integration}',
    detail: 'Our {integration} admin is waiting on it to finish the setup this week.',
    topic: 'API key for the {integration} setup',
    botAnswer: 'API keys are under Settings > Developers > API keys. Only admins can create them.',
    question: 'Are you an admin on the workspace?',
    answer: 'I think so, I created the account.',
    fix: 'You are the owner, but API access was off on your plan trial. I enabled it; the key is under Settings > Developers now.',
    reopen: 'The API key works but {integration} says it has no permission to read contacts.',
  },
  {
    category: 'bug',
    opening: 'Exported reports have the wrong dates, everything is shifted by one day.',
    recap: 'exported reports have every date shifted by one day',
    detail: 'It happens in CSV and PDF exports, the screen shows the right dates.',
    topic: 'report export dates off by one day',
    botAnswer: 'Exports use the timezone in your profile. Check Profile > Preferences > Timezone.',
    question: 'Could you send me an example export and the timezone in your profile?',
    answer: 'Attached. Profile timezone is UTC, same as the workspace.',
    fix: 'This was a bug in the export service after the last release. A fix is deployed; new exports have the right dates.',
    reopen: 'The PDF export still has the shifted dates.',
  },
  {
    category: 'bug',
    opening: 'The mobile app crashes every time I open a conversation with an attachment.',
    recap: 'the mobile app crashes whenever I open a conversation with an attachment',
    detail: 'iPhone, latest app version. It happens with PDFs and images.',
    topic: 'mobile app crash on attachments',
    botAnswer: 'Please update to the latest app version and restart your phone.',
    question: 'Which app version and phone model are you using?',
    answer: 'Version 8.14.2 on an iPhone 15.',
    fix: 'Engineering found the crash in the attachment preview and shipped a fix in 8.14.3. Please update the app.',
    reopen: 'It still crashes with version 8.14.3 on large PDFs.',
  },
  {
    category: 'bug',
    opening: 'Since the last update every notification arrives twice, for the whole team.',
    recap: 'every notification arrives twice since the update',
    detail: 'Email and push both, for all {seats} people on our workspace.',
    topic: 'duplicate notifications after update',
    botAnswer: 'Check Settings > Notifications for duplicate rules, and make sure the app is up to date.',
    question: 'Do you have any notification rules or webhooks set up?',
    answer: 'One webhook to {integration}, nothing else.',
    fix: 'A retry loop in the notification service sent each message twice. It is fixed and we cleared the duplicated queue.',
    reopen: 'The duplicate notifications started again today.',
  },
]);

export const VOCABULARY = Object.freeze({
  firstNames: [
    'Maria',
    'James',
    'Sofia',
    'Lukas',
    'Aisha',
    'Daniel',
    'Mei',
    'Carlos',
    'Hannah',
    'Omar',
    'Julia',
    'Ravi',
    'Elena',
    'Tom',
    'Fatima',
    'Noah',
    'Chiara',
    'Kenji',
    'Lea',
    'Mateo',
    'Priya',
    'Oscar',
    'Nora',
    'Ivan',
  ],
  companies: [
    'Northwind',
    'Brightlane',
    'Keystone Labs',
    'Bluefin',
    'Orbital',
    'Harbor & Co',
    'Pinecrest',
    'Lumen',
    'Redwood Analytics',
    'Quarry',
    'Vantage',
    'Meridian',
    'Foxglove',
    'Tidal',
    'Copperleaf',
    'Atlas Freight',
  ],
  plans: ['Starter', 'Growth', 'Scale', 'Enterprise'],
  integrations: ['Salesforce', 'HubSpot', 'Slack', 'Zendesk', 'Shopify', 'Jira'],
  errors: ['ERR_SYNC_TIMEOUT', '401 Unauthorized', 'HTTP 502', 'RATE_LIMITED', 'E_TOKEN_EXPIRED'],
  browsers: ['Chrome 128', 'Firefox 130', 'Safari 17', 'Edge 128'],
});

export const PHRASES = Object.freeze({
  repeatPrefix: [
    'As I already explained, ',
    'Like I said before, ',
    'I already told your colleague this, but ',
    'Again: ',
    'As I wrote earlier, ',
  ],
  repeatPrefixAfterBot: ['I already told the bot: ', 'As I explained to the bot, ', 'Like I said before, '],
  repeatPrefixFed: ['I have now explained this three times: ', 'For the third time, ', 'Once more, '],
  reviewCase: [
    'Let me review your case, one moment.',
    'Let me review your case and the notes on it.',
    'Give me a minute to read through the history.',
  ],
  /** An empty answer means the customer tells the whole story again. */
  reAsk: [
    ['Could you tell me your account email?', 'It is {email}.'],
    ['Can you confirm the email address on the account?', '{email}. I already gave that to your colleague.'],
    ['Sorry, which workspace is this about?', '{company}.'],
    ['Could you describe the problem from the start?', ''],
  ] as readonly (readonly [question: string, answer: string])[],
  reAskProblem: ['Could you describe the problem from the start?', ''] as readonly [
    question: string,
    answer: string,
  ],
  // Intros carry no greeting: the message composer adds "Hi {name}!" in chat or wraps them as an email.
  coldIntro: [
    'I am {agent} from {team}. How can I help you today?',
    '{agent} from the {team} team here. What can I do for you?',
    'This is {agent} ({team}). What seems to be the problem?',
  ],
  reviewIntro: ['I am {agent} from {team}, I have picked up your case.', '{agent} here from {team}.'],
  warmIntro: [
    '{agent} here from {team}. {previous} filled me in on the {topic}, so no need to repeat anything.',
    'I am {agent} from {team}. I have read the notes from {previous} about the {topic} and I am on it.',
  ],
  botIntro: [
    'I am {agent} from {team}. I can see your chat with Fin, let me take it from here.',
    '{agent} here, thanks for waiting. I have read what you told Fin.',
  ],
  firstReply: ['Thanks for reaching out, I am {agent} from {team}.', 'Thanks for contacting us.'],
  phoneGreeting: [
    'Thank you for calling, this is {agent} from {team}. How can I help?',
    '{agent} speaking, {team}. What can I do for you today?',
  ],
  bounceIntro: [
    '{agent} from {team} again. My colleagues sent this back to us, let me take another look.',
    'This is {agent} ({team}). The case came back to us, sorry about the back and forth.',
  ],
  emailFollowUp: [
    'Following up by email on your chat about the {topic}.',
    'I am taking over the {topic} by email.',
  ],
  phoneCallback: ['This is {agent} from {team}, calling about the {topic}.'],
  preTransfer: [
    'This needs our {team} team, I am transferring you now.',
    'I will pass you to a specialist in {team} who can sort this out.',
    'I cannot change that from my side, so I am handing this over to {team}.',
  ],
  bounceTransfer: [
    'This looks like a {team} issue after all, I am sending it back to them.',
    'We cannot fix this on our side, it has to go back to {team}.',
  ],
  goodbye: [
    'I have passed you to our {team} team, they will pick this up shortly. Have a good day!',
    'Handing over to {team} now. Thanks for your patience, {name}!',
    'You are in the {team} queue now. Take care!',
  ],
  warmGoodbye: [
    '{colleague} from {team} will take it from here.',
    'I have briefed {colleague}, you are in good hands.',
  ],
  toEmail: [
    'This needs some investigation, so we will continue by email at {email}.',
    'I will move this to email so we can send you the details, watch for a message at {email}.',
  ],
  toPhone: [
    'It will be quicker to talk this through, a colleague will call you.',
    'I have asked a colleague to give you a call to go through this.',
  ],
  socialToEmail: ['For privacy we will continue this by email, you will hear from us at {email}.'],
  warmNote: [
    'Warm transfer to {team}: {topic}. Account email {email} verified. Customer already explained everything.',
    'Handing to {team}: {topic}. Checked the basics, details in the conversation above. Please do not re-ask.',
  ],
  shiftNote: ['Shift handover: {topic}. {name} ({email}) is waiting on the next step.'],
  botNote: ['Fin summary: customer asks about {topic}. Suggested article did not help.'],
  escalationNote: [
    'Escalating: {topic}. Could not resolve at {team} level.',
    'Cannot reproduce on our side, escalating.',
  ],
  working: [
    'Thanks, I am checking that now.',
    'I can see it on our side, give me a few minutes.',
    'Thanks, looking into the logs for your account.',
    'OK, I am testing this on a copy of your settings.',
  ],
  workingEmail: [
    'Thanks for the details. I am looking into this and will get back to you shortly.',
    'Quick update: I can reproduce the problem and I am working on it.',
    'Thanks, I have passed the logs to our checks and will update you as soon as I know more.',
  ],
  customerAck: ['OK, thanks.', 'Sure.', 'Thanks, I will wait.', 'OK.', 'Any update?'],
  customerAckEmail: ['Thanks, looking forward to it.', 'Any news on this?', 'Thanks for the update.'],
  thanks: [
    'Thanks, that fixed it!',
    'Great, thank you for your help.',
    'Perfect, all sorted now.',
    'Works now, thanks.',
  ],
  agentClose: ['Glad that is sorted. Anything else I can help with?', 'Happy to help, have a great day!'],
  waiting: ['Hello? Is anyone there?', 'Still waiting...', 'Is someone going to answer?'],
  botGreeting: [
    'Hi {name}, I am Fin, the virtual assistant. {answer} Did that help?',
    'Hi! I am Fin. {answer} Did that answer your question?',
  ],
  botYes: ['Yes, that worked, thanks!', 'Ah, found it. Thank you!', 'That did it, thanks.'],
  botNo: [
    'No, that does not help.',
    'That is not my problem. Can I talk to a person?',
    'I need a human please.',
  ],
  botBye: ['Great! I will close this conversation. Come back any time.', 'Glad I could help!'],
  botHandoff: [
    'I will connect you with our {team} team.',
    'Let me get someone from {team} to help with this.',
  ],
  botOffline: [' Our team is offline right now ({hours}) and will reply as soon as they are back.'],
  botExpected: [' Someone will be with you in a few minutes.', ' Typical reply time is under 10 minutes.'],
  reopened: [
    'Sorry to hear that, I am reopening the case and taking a look.',
    'Thanks for letting us know, checking again.',
  ],
  reopenFix: [
    'I found what was left over and fixed it properly this time. Sorry for the trouble.',
    'That should now be fixed for good, I double-checked it on your account.',
  ],
  shiftEnd: [
    'My shift is ending, {colleague} will take over from here.',
    'I am handing this to {colleague} as my shift ends.',
  ],
});

/**
 * Replaces `{slot}` placeholders from the first source that has the slot; an unknown slot is left as is so a
 * typo shows up in the data.
 */
export function fill(template: string, ...sources: readonly Readonly<Record<string, string>>[]): string {
  // Most messages have no placeholder; skipping the regex for them is a measurable share of generation time.
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    for (const source of sources) {
      const value = source[key];
      if (value !== undefined) return value;
    }
    return whole;
  });
}

/** Per-conversation slot values, so every message of one conversation names the same invoice, card, etc. */
export function issueSlots(random: Random, name: string, company: string): Record<string, string> {
  const domain = company.toLowerCase().replace(/[^a-z]+/g, '') + '.com';
  return {
    name,
    company,
    domain,
    email: `${name.toLowerCase()}@${domain}`,
    plan: random.pick(VOCABULARY.plans),
    amount: `$${random.int(29, 2400)}.00`,
    invoice: `INV-2026-${random.int(10000, 99999)}`,
    card: String(random.int(1000, 9999)),
    vat: `EU${random.int(100000000, 999999999)}`,
    seats: String(random.int(3, 40)),
    integration: random.pick(VOCABULARY.integrations),
    error: random.pick(VOCABULARY.errors),
    browser: random.pick(VOCABULARY.browsers),
  };
}

/** Email bodies carry a greeting and signature; that is where real exports get their embedded newlines. */
export function asEmail(body: string, greeting: string, signature: string): string {
  return `${greeting}\n\n${body}\n\n${signature}`;
}
