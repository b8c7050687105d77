/**
 * A multi-topic article written for these tests (one topic per paragraph), used by the ranking test and the
 * end-to-end page, so "the right passage ranks first" is checked on prose, not on keyword lists.
 */
export const HARBOUR_TITLE = 'Life in Port Alder: a year on the northern coast';

export const HARBOUR_PARAGRAPHS = [
  'The lighthouse on Gull Point was built in 1871 from granite quarried on the island across the bay. Its first keeper, Margaret Doyle, kept the lamp burning for thirty-two years and logged every ship that passed. The lens was replaced by an electric beacon in 1954, and the tower has been a museum since the automation of the light in 1989.',
  'At low tide the rocks below the harbour wall become a maze of pools. Children search them for hermit crabs, starfish and sea anemones, and the volunteers of the marine society lead walks on Saturday mornings. Visitors are asked to put every stone back the way they found it, since the creatures underneath need the shade and the damp to survive.',
  'The bakery on Quay Street opens at five in the morning, and its sourdough sells out before nine. The baker, Tomas Reyes, feeds the starter with rye flour from a mill twenty miles inland and bakes the loaves in a wood-fired oven that his grandfather built. On Fridays he also makes cardamom buns, which the fishermen buy by the dozen.',
  'The ferry to Skellig Island leaves the north pier three times a day in summer and once a day from November to March. A return ticket costs twelve pounds for adults and five for children, and bicycles travel free. When the wind is above force seven the crossing is cancelled, and notices are posted at the harbour office by seven o\'clock.',
  'Winter storms reshape the coast every year. In January the sea broke through the dunes south of the town, flooding the caravan park and washing away a section of the coastal path. The council has since rebuilt the sea wall with concrete blocks and planted marram grass to hold the sand of the dunes in place.',
  'Every October thousands of geese arrive from the Arctic to spend the winter on the salt marsh. Birdwatchers gather at the hide on the estuary at dawn to count them, and the migration count last year reached eleven thousand barnacle geese, the highest number since records began.',
  'The town council election in May was the closest in memory. The harbour party won five seats and the independents four, and the new mayor, Aileen Brodie, promised to reopen the old library as a community hall and to put a bus service to the hospital on the agenda of her first meeting.',
  'Fishing remains the heart of the local economy, though the fleet has shrunk from forty boats to eleven. New quotas limit the cod catch, so most boats now land crab and lobster, which are sold live to buyers who drive them overnight to the markets in the south.',
];

export const HARBOUR_TEXT = HARBOUR_PARAGRAPHS.join('\n\n');
