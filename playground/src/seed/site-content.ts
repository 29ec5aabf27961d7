/**
 * Demo content of the playground: the marketing site of "Kumo", a smartphone maker.
 * Each item has a stable slug (the seed's idempotency key). `ja` adds a Japanese locale version,
 * `draft` leaves it unpublished, `ageDays` backdates it so that the audit has stale content.
 */
export interface SeedItem {
  slug: string;
  fields: Record<string, unknown>;
  ja?: Record<string, unknown>;
  draft?: boolean;
  ageDays?: number;
}

export const articles: SeedItem[] = [
  { slug: 'what-to-do-when-your-smartphone-breaks', fields: { title: 'What to do when your smartphone breaks', summary: 'A calm, step-by-step checklist for the first hour after a drop, a splash or a black screen.', readingMinutes: 6 }, ja: { title: 'スマートフォンが壊れたときにすること', summary: '落とした、濡らした、画面が真っ暗になった。最初の1時間のチェックリスト。', readingMinutes: 6 } },
  { slug: 'cracked-screen-repair-or-replace', fields: { title: 'Cracked screen: repair or replace?', summary: 'How to decide between a screen repair and a new phone, with real prices.', readingMinutes: 5 }, ja: { title: '画面割れ：修理か買い替えか', summary: '画面修理と買い替え、どちらを選ぶべきか。実際の費用で比較します。', readingMinutes: 5 } },
  { slug: 'water-damage-first-aid', fields: { title: 'Water damage first aid for phones', summary: 'Why rice does not help and what does.', readingMinutes: 4 } },
  { slug: 'battery-health-explained', fields: { title: 'Battery health explained', summary: 'What the battery percentage in settings means and when to replace the battery.', readingMinutes: 7 }, ja: { title: 'バッテリーの健康状態をわかりやすく', summary: '設定に表示されるバッテリー最大容量の意味と交換の目安。', readingMinutes: 7 } },
  { slug: 'how-our-repair-service-works', fields: { title: 'How the Kumo repair service works', summary: 'Book online, drop off or send by post, and get your phone back in three days.', readingMinutes: 3 } },
  { slug: 'repair-prices-2026', fields: { title: 'Repair prices for 2026', summary: 'Every repair we do, and what it costs, model by model.', readingMinutes: 2 } },
  { slug: 'backup-before-repair', fields: { title: 'Back up your phone before a repair', summary: 'Five minutes now saves your photos later.', readingMinutes: 4 }, ja: { title: '修理の前にバックアップを', summary: '5分の準備で写真を守りましょう。', readingMinutes: 4 } },
  { slug: 'extended-warranty-worth-it', fields: { title: 'Is an extended warranty worth it?', summary: 'We did the maths on three years of repair data.', readingMinutes: 8 } },
  { slug: 'self-repair-kits', fields: { title: 'Self-repair kits: what you can fix at home', summary: 'Battery and back glass are doable; the screen usually is not.', readingMinutes: 9 }, draft: true },
  { slug: 'phone-care-habits', fields: { title: 'Seven habits that keep a phone alive for five years', summary: 'Cases, chargers, heat and the habits that matter most.', readingMinutes: 6 } },
  { slug: 'trade-in-your-old-phone', fields: { title: 'Trade in your old phone, even if it is broken', summary: 'What a broken phone is still worth and how trade-in credit works.', readingMinutes: 4 } },
  { slug: 'repair-vs-insurance', fields: { title: 'Repair service or phone insurance?', summary: 'A side-by-side comparison for busy families.', readingMinutes: 5 }, ja: { title: '修理サービスとスマホ保険の比較', summary: '忙しい家族のための比較ガイド。', readingMinutes: 5 } },
  { slug: 'kumo-x3-launch', fields: { title: 'Meet the Kumo X3', summary: 'Our toughest phone yet, launched in 2023.', readingMinutes: 3 }, ageDays: 900 },
  { slug: 'recycling-old-phones', fields: { title: 'Where old phones go: our recycling programme', summary: 'What happens to the parts we cannot reuse.', readingMinutes: 5 }, ageDays: 500 },
  { slug: 'screen-protector-myths', fields: { title: 'Screen protector myths', summary: 'Glass, film or nothing at all?', readingMinutes: 4 }, draft: true },
  { slug: 'repair-stories-from-the-bench', fields: { title: 'Stories from the repair bench', summary: 'The strangest things our technicians have found inside phones.', readingMinutes: 6 } },
];

export const faqs: SeedItem[] = [
  { slug: 'how-long-does-a-repair-take', fields: { question: 'How long does a repair take?', answer: 'Most repairs are done in three working days, screen repairs in store within two hours.' }, ja: { question: '修理にはどのくらいかかりますか？', answer: 'ほとんどの修理は3営業日で完了します。店頭での画面修理は2時間以内です。' } },
  { slug: 'is-my-data-safe-during-repair', fields: { question: 'Is my data safe during a repair?', answer: 'We never access your data, but we always recommend a backup first.' } },
  { slug: 'do-you-repair-other-brands', fields: { question: 'Do you repair other brands?', answer: 'We repair Kumo phones only, so that every part is genuine.' } },
  { slug: 'what-does-the-warranty-cover', fields: { question: 'What does the warranty cover?', answer: 'Manufacturing faults for two years. Accidental damage is covered by Kumo Care.' }, ja: { question: '保証の対象は何ですか？', answer: '製造上の欠陥は2年間保証されます。偶発的な損傷はKumo Careの対象です。' } },
  { slug: 'can-i-track-my-repair', fields: { question: 'Can I track my repair?', answer: 'Yes, with the link in your booking email.' } },
  { slug: 'how-do-i-cancel-kumo-care', fields: { question: 'How do I cancel Kumo Care?', answer: 'From your account page, at any time.' }, draft: true },
  { slug: 'old-shipping-box-question', fields: { question: 'Do you still send free shipping boxes?', answer: 'We did until 2023.' }, ageDays: 800 },
];

export const landingPages: SeedItem[] = [
  { slug: 'repair-service', fields: { title: 'Kumo Repair Service', headline: 'Your phone, fixed in three days' }, ja: { title: 'Kumo 修理サービス', headline: '3日でスマホを修理' } },
  { slug: 'kumo-care', fields: { title: 'Kumo Care', headline: 'Accidents happen. Kumo Care has you covered.' } },
  { slug: 'broken-phone-manual', fields: { title: 'The broken phone manual', headline: 'Download the free manual on what to do when your smartphone breaks' }, ja: { title: 'スマホ故障マニュアル', headline: 'スマホが壊れたときの無料マニュアルをダウンロード' } },
  { slug: 'trade-in', fields: { title: 'Trade in', headline: 'Get credit for your old phone' } },
  { slug: 'black-friday-2024', fields: { title: 'Black Friday 2024', headline: 'Repairs at half price this weekend' }, ageDays: 730 },
];

export const caseStudies: SeedItem[] = [
  { slug: 'school-district-fleet', fields: { title: 'A school district keeps 4,000 phones running', customer: 'Riverside School District', summary: 'How a fleet repair plan cut downtime by 60%.' } },
  { slug: 'courier-company', fields: { title: 'Couriers back on the road the same day', customer: 'Swift Parcels', summary: 'Same-day screen repairs for 300 drivers.' }, ja: { title: '配送ドライバーのスマホを即日修理', customer: 'Swift Parcels', summary: '300人のドライバーのための即日画面修理。' } },
  { slug: 'family-plan-story', fields: { title: 'One family, five phones, one plan', customer: 'The Tanaka family', summary: 'Kumo Care for a busy household.' }, draft: true },
];

export const homePage = {
  fields: { title: 'Kumo: phones that last', heroText: 'Tough phones, honest repairs, and help when things break.' },
  ja: { title: 'Kumo：長く使えるスマホ', heroText: '丈夫なスマホ、誠実な修理、困ったときのサポート。' },
};
