/** A discovery call between a prospect (Dana) and a sales rep (Sam), as a meeting tool exports it. */
export const sampleTranscript = `[00:00:02] Sam Rivera: Hi Dana, thanks for joining. Can you hear me okay?
[00:00:05] Dana Lee: Yes, loud and clear.
[00:00:09] Sam Rivera: Great. So what made you look at Brightdesk?
[00:00:14] Dana Lee: We have about forty agents and our current tool is slow.
[00:00:31] Dana Lee: So my first question: do you offer a discount for teams over twenty-five seats?
[00:00:38] Sam Rivera: Yeah, great question. Teams over twenty-five seats get fifteen percent off the annual plan,
and we add a dedicated onboarding manager at no cost.
[00:01:02] Dana Lee: How long does onboarding usually take
[00:01:06] Sam Rivera: Most teams are live in two weeks. We import your tickets and macros in the first three days.
[00:01:30] Dana Lee: Okay. Does it integrate with Salesforce?
[00:01:33] Sam Rivera: Do you mean Sales Cloud or Service Cloud?
[00:01:36] Dana Lee: Service Cloud.
[00:01:40] Sam Rivera: Right.
[00:01:41] Dana Lee: Can we cancel anytime if it does not work out?
[00:01:45] Sam Rivera: Monthly plans can be cancelled anytime from the billing page; annual plans are refundable in the first thirty days.
[00:02:10] Sam Rivera: Does that make sense?
[00:02:12] Dana Lee: Yes, thank you.`;
